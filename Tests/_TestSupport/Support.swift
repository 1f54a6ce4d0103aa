import Tensors

/// Whether `|a - b| <= atol + rtol·|b|`.
public func isClose(_ a: Double, _ b: Double, rtol: Double = 1e-6, atol: Double = 1e-12) -> Bool {
    abs(a - b) <= atol + rtol * abs(b)
}
