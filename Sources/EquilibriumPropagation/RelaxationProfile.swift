import Foundation

/// Accumulates wall time spent in BLAS products and in elementwise (complex) math during relaxations.
///
/// Off by default; the benchmark of the reproduction switches it on to report the GEMM vs elementwise split.
public final class RelaxationProfile: @unchecked Sendable {
    /// Whether timing is recorded.
    public var isEnabled: Bool
    /// Seconds inside gemm calls.
    public private(set) var gemmSeconds: Double = 0
    /// Seconds in elementwise work (φ, softmax, residuals, updates).
    public private(set) var elementwiseSeconds: Double = 0

    public init(isEnabled: Bool = false) { self.isEnabled = isEnabled }

    /// Clears the totals.
    public func reset() { gemmSeconds = 0; elementwiseSeconds = 0 }

    @usableFromInline
    func now() -> UInt64 { isEnabled ? DispatchTime.now().uptimeNanoseconds : 0 }

    @usableFromInline
    func addGemm(since start: UInt64) {
        if isEnabled { gemmSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 }
    }

    @usableFromInline
    func addElementwise(since start: UInt64) {
        if isEnabled { elementwiseSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 }
    }
}
