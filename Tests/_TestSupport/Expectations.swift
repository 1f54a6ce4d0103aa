import Testing
import Tensors
import Autodiff

/// Records an issue unless `actual` and `expected` have the same shape and agree within
/// `|a − e| <= atol + rtol·|e|` elementwise; the message names the worst scalar and the tolerance.
public func expectClose<S: FloatingScalar>(
    _ actual: Tensor<S>, _ expected: Tensor<S>, rtol: S = 1e-6, atol: S = 1e-9,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.shape == expected.shape else {
        Issue.record("shapes differ: \(actual.shape) vs expected \(expected.shape). \(comment.map { "\($0)" } ?? "")",
                     sourceLocation: sourceLocation)
        return
    }
    var worst = 0, worstExcess: S = 0
    for i in 0..<actual.count {
        let excess = abs(actual.scalars[i] - expected.scalars[i]) - (atol + rtol * abs(expected.scalars[i]))
        if !(excess <= 0) && (excess > worstExcess || excess.isNaN) { worst = i; worstExcess = excess.isNaN ? .infinity : excess }
    }
    if worstExcess > 0 {
        Issue.record("""
            not close at flat index \(worst): observed \(actual.scalars[worst]), expected \(expected.scalars[worst]) \
            (rtol \(rtol), atol \(atol)). \(comment.map { "\($0)" } ?? "")
            """, sourceLocation: sourceLocation)
    }
}

/// Records an issue unless the reverse-mode gradient of `f` matches central differences within `tolerance`
/// (the largest error of `GradientCheck.maxError`).
public func expectGradientMatchesFiniteDifferences(
    at inputs: [Tensor<Double>], tolerance: Double = 1e-6, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Variable<Double>]) -> Variable<Double>
) {
    let error = GradientCheck.maxError(at: inputs, f)
    if !(error < tolerance) {
        Issue.record("gradient error \(error) exceeds \(tolerance). \(comment.map { "\($0)" } ?? "")",
                     sourceLocation: sourceLocation)
    }
}
