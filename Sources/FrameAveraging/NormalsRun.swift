import Datasets
import Foundation
import NN
import Session
import Tensors

/// A set of point clouds with normals, flattened: `points`/`normals` `[clouds·n·3]`.
public struct NormalsSet: Sendable {
    public var clouds: Int, pointsPerCloud: Int
    public var points: [Double], normals: [Double]

    /// `count` random shapes (all five kinds in turn), optionally each rotated by a Haar-random rotation.
    public static func generate(count: Int, points n: Int, rotated: Bool, seed: UInt64) -> NormalsSet {
        var rng = RandomSource(seed: seed)
        var out = NormalsSet(clouds: count, pointsPerCloud: n, points: [], normals: [])
        let kinds = SurfaceNormalsShapes.Kind.allCases
        for c in 0..<count {
            var cloud = SurfaceNormalsShapes.sample(kinds[c % kinds.count], count: n, using: &rng)
            let r = randomRotation(proper: true, using: &rng)
            if rotated { cloud = SurfaceNormalsShapes.rotated(cloud, by: r) }
            out.points += cloud.points
            out.normals += cloud.normals
        }
        return out
    }

    func slice(_ indices: [Int]) -> (points: [Double], normals: [Double]) {
        let s = pointsPerCloud * 3
        var p: [Double] = [], q: [Double] = []
        for i in indices { p += points[(i * s)..<((i + 1) * s)]; q += normals[(i * s)..<((i + 1) * s)] }
        return (p, q)
    }
}

/// One trained model in the normals session: a backbone, its optimizer and its training set.
final class NormalsRun {
    let name: String
    let model: NormalsPointNet
    let optimizer: Adam
    let train: NormalsSet

    init(name: String, frameAveraged: Bool, train: NormalsSet, learningRate: Float, seed: UInt64) {
        self.name = name
        var rng = RandomSource(seed: seed)
        model = NormalsPointNet(frameAveraged: frameAveraged, rng: &rng)
        optimizer = Adam(learningRate: learningRate)
        self.train = train
    }

    func step(_ indices: [Int]) -> Double {
        let (p, n) = train.slice(indices)
        model.zeroGradients()
        let loss = PointNetOps.normalLoss(model.predict(points: p, clouds: indices.count, pointsPerCloud: train.pointsPerCloud), targets: n)
        loss.backward()
        optimizer.update(model.parameters)
        return Double(loss.value.scalar)
    }

    /// Mean `1 − (n̂·n)²` over a set.
    func error(on set: NormalsSet) -> Double {
        var total = 0.0
        var start = 0
        while start < set.clouds {
            let idx = Array(start..<Swift.min(start + 16, set.clouds))
            let (p, n) = set.slice(idx)
            let loss = PointNetOps.normalLoss(model.predict(points: p, clouds: idx.count, pointsPerCloud: set.pointsPerCloud), targets: n)
            total += Double(loss.value.scalar) * Double(idx.count)
            start += idx.count
        }
        return total / Double(Swift.max(set.clouds, 1))
    }
}
