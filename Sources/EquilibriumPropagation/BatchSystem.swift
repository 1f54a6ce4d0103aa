import Tensors

/// One minibatch bound to a network: the input drive B·x + b₀ computed once, the one-hot targets, and the
/// buffers the relaxations reuse.
///
/// Only the input projection B·x (`[batch, n₀] = x·Bᵀ`) is expensive; it is computed here once per batch and
/// shared by the free phase and every nudged phase (spec §14).
public struct BatchSystem<T: FloatingScalar> {
    /// The network whose dynamics are relaxed.
    public let network: LayeredNetwork<T>
    /// Number of samples.
    public let batch: Int
    /// Inputs `[batch, inputSize]`.
    public let inputs: [T]
    /// One-hot targets `[batch, classCount]`.
    public let targets: [T]
    /// The class labels.
    public let labels: [Int]
    /// Constant part of the drive, layer-major like ``SplitState``: B·x + b₀ on layer 0, b_l on the others.
    public let baseDrive: [T]
    /// Optional timing of GEMM vs elementwise work.
    public let profile: RelaxationProfile?

    /// Binds a batch. `inputs` is `[batch, inputSize]` row-major, `labels` are class indices.
    public init(network: LayeredNetwork<T>, inputs: [T], labels: [Int], profile: RelaxationProfile? = nil) {
        let b = labels.count
        precondition(inputs.count == b * network.inputSize, "inputs \(inputs.count) for batch \(b) x \(network.inputSize)")
        self.network = network
        self.batch = b
        self.inputs = inputs
        self.labels = labels
        self.profile = profile
        var y = [T](repeating: 0, count: b * network.classCount)
        for (i, c) in labels.enumerated() { y[i * network.classCount + c] = 1 }
        targets = y
        let n = network.unitCount, n0 = network.layerSizes[0]
        var base = [T](repeating: 0, count: b * n)
        var offset = 0
        for (l, nl) in network.layerSizes.enumerated() {
            for i in 0..<b { for j in 0..<nl { base[offset + i * nl + j] = network.biases[l][j] } }
            offset += b * nl
        }
        let t0 = profile?.now() ?? 0
        inputs.withUnsafeBufferPointer { x in
            network.inputWeight.withUnsafeBufferPointer { w in
                base.withUnsafeMutableBufferPointer { d in
                    T.gemm(transposeA: false, transposeB: true, m: b, n: n0, k: network.inputSize, alpha: 1,
                           a: x.baseAddress!, lda: network.inputSize, b: w.baseAddress!, ldb: network.inputSize,
                           beta: 1, c: d.baseAddress!, ldc: n0)
                }
            }
        }
        profile?.addGemm(since: t0)
        baseDrive = base
    }

    /// The activities s = φ(u) of a state (complex when the state is).
    public func activities(of u: SplitState<T>) -> SplitState<T> {
        var s = u
        u.re.withUnsafeBufferPointer { ur in
            s.re.withUnsafeMutableBufferPointer { sr in
                if let uiArr = u.im {
                    uiArr.withUnsafeBufferPointer { ui in
                        s.im!.withUnsafeMutableBufferPointer { si in
                            HolomorphicSigmoid.apply(re: ur, im: ui, re: sr, im: si)
                        }
                    }
                } else {
                    HolomorphicSigmoid.apply(ur, into: sr)
                }
            }
        }
        return s
    }

    /// The slopes D = φ'(u) = 4φ(1 − φ) at a real state, layer-major.
    public func slopes(atActivities s: SplitState<T>) -> [T] {
        s.re.map { 4 * $0 * (1 - $0) }
    }
}
