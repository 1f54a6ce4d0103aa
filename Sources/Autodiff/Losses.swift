import Tensors

// MARK: - Losses (rank-0 outputs)

extension Variable {
    /// Mean squared error `mean((self - target)²)` over every scalar.
    @inlinable
    public func meanSquaredError(to target: Tensor<Scalar>) -> Variable {
        precondition(shape == target.shape, "MSE shapes differ: \(shape) vs \(target.shape)")
        let diff = value - target
        let n = Scalar(diff.count)
        let loss = diff.scalars.reduce(0) { $0 + $1 * $1 } / n
        return Variable(Tensor(loss), inputs: [self]) { g in [diff * (2 * g.scalar / n)] }
    }

    /// Mean cross-entropy of logits `[n, c]` against integer labels (log-softmax computed stably).
    ///
    /// VJP: `(softmax(z) - onehot(y)) / n`.
    @inlinable
    public func crossEntropy(labels: [Int]) -> Variable {
        precondition(shape.count == 2 && shape[0] == labels.count, "crossEntropy needs [n, c] logits for \(labels.count) labels, got \(shape)")
        let n = shape[0], c = shape[1]
        var probs = [Scalar](repeating: 0, count: n * c)
        var loss: Scalar = 0
        value.scalars.withUnsafeBufferPointer { z in
            for i in 0..<n {
                precondition(labels[i] >= 0 && labels[i] < c, "label \(labels[i]) outside 0..<\(c)")
                var m = z[i * c]
                for j in 1..<c { m = Swift.max(m, z[i * c + j]) }
                var s: Scalar = 0
                for j in 0..<c { let e = Scalar.exp(z[i * c + j] - m); probs[i * c + j] = e; s += e }
                for j in 0..<c { probs[i * c + j] /= s }
                loss += -(z[i * c + labels[i]] - m - Scalar.log(s))
            }
        }
        let shape = self.shape
        return Variable(Tensor(loss / Scalar(n)), inputs: [self]) { g in
            var d = probs
            for i in 0..<n { d[i * c + labels[i]] -= 1 }
            let scale = g.scalar / Scalar(n)
            for i in 0..<d.count { d[i] *= scale }
            return [Tensor(shape: shape, scalars: d)]
        }
    }

    /// Mean binary cross-entropy of logits against targets in [0, 1] (stable: softplus(z) - t·z).
    @inlinable
    public func binaryCrossEntropy(targets: Tensor<Scalar>) -> Variable {
        precondition(shape == targets.shape, "BCE shapes differ: \(shape) vs \(targets.shape)")
        let z = value
        let n = Scalar(z.count)
        var loss: Scalar = 0
        for i in 0..<z.count { loss += Variable.softplus(z.scalars[i]) - targets.scalars[i] * z.scalars[i] }
        return Variable(Tensor(loss / n), inputs: [self]) { g in
            let s = g.scalar / n
            return [Tensor(shape: z.shape) { i in (Variable.sigmoid(z.scalars[i]) - targets.scalars[i]) * s }]
        }
    }
}
