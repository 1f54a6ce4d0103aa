import Synchronization
import Symmetry
import Tensors

/// Process-wide caches of the Double coefficient tables the baselines use (built once per shape).
enum GauntCoefficientCache {
    private static let sparseLists = Mutex<[[Int]: [(a: Int32, b: Int32, c: Int32, value: Double)]]>([:])
    private static let blocks = Mutex<[[Int]: [Double]]>([:])

    /// The nonzero Gaunt coefficients of a shape.
    static func sparse(_ L1: Int, _ L2: Int, _ Lout: Int) -> [(a: Int32, b: Int32, c: Int32, value: Double)] {
        if let l = sparseLists.withLock({ $0[[L1, L2, Lout]] }) { return l }
        let l = GauntCoefficients.sparse(maxDegree1: L1, maxDegree2: L2, outputDegree: Lout)
        sparseLists.withLock { $0[[L1, L2, Lout]] = l }
        return l
    }

    /// `c(l1,l2,l) W^{l1 l2 l}` flattened to `[(2l1+1)(2l2+1), 2l+1]`.
    static func denseBlock(_ l1: Int, _ l2: Int, _ l: Int) -> [Double] {
        if let b = blocks.withLock({ $0[[l1, l2, l]] }) { return b }
        let c = GauntCoefficients.scale(l1, l2, l)
        let b = ClebschGordan.realTensor(l1, l2, l).scalars.map { c * $0 }
        blocks.withLock { $0[[l1, l2, l]] = b }
        return b
    }
}
