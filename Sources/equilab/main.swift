print("equilab: \(Registry.experimentTypes.count) experiment kinds")
