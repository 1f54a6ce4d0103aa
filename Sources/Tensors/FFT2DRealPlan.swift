import CFFTW
import Synchronization


/// A real scalar FFTW can transform: `Double` (libfftw3) or `Float` (libfftw3f).
///
/// Buffers are raw pointers from ``allocate(count:)``: FFTW's aligned allocator, so a plan made once can run
/// on any such buffer (`fftw_execute_dft_c2r` / `_r2c` with new arrays require the planning alignment).
/// Complex values are interleaved `(re, im)` pairs of `Self`.
public protocol BatchedFFTScalar: FloatingScalar {
    /// Plans `howMany` contiguous complex-to-real 2D transforms of shape `[rows, columns]`.
    static func planManyInverse(rows: Int32, columns: Int32, howMany: Int32,
                                spectrum: UnsafeMutablePointer<Self>, grid: UnsafeMutablePointer<Self>,
                                flags: UInt32) -> OpaquePointer?
    /// Plans `howMany` contiguous real-to-complex 2D transforms of shape `[rows, columns]`.
    static func planManyForward(rows: Int32, columns: Int32, howMany: Int32,
                                grid: UnsafeMutablePointer<Self>, spectrum: UnsafeMutablePointer<Self>,
                                flags: UInt32) -> OpaquePointer?
    /// Runs an inverse plan on new buffers.
    static func executeInverse(_ plan: OpaquePointer, spectrum: UnsafeMutablePointer<Self>, grid: UnsafeMutablePointer<Self>)
    /// Runs a forward plan on new buffers.
    static func executeForward(_ plan: OpaquePointer, grid: UnsafeMutablePointer<Self>, spectrum: UnsafeMutablePointer<Self>)
    /// Destroys a plan.
    static func destroy(_ plan: OpaquePointer)
    /// Aligned, uninitialised storage for `count` scalars.
    static func allocate(count: Int) -> UnsafeMutablePointer<Self>
    /// Frees storage from ``allocate(count:)``.
    static func free(_ pointer: UnsafeMutablePointer<Self>)
}

extension Double: BatchedFFTScalar {
    public static func planManyInverse(rows: Int32, columns: Int32, howMany: Int32, spectrum: UnsafeMutablePointer<Double>,
                                       grid: UnsafeMutablePointer<Double>, flags: UInt32) -> OpaquePointer? {
        let n: [Int32] = [rows, columns], half = rows * (columns / 2 + 1)
        return spectrum.withMemoryRebound(to: fftw_complex.self, capacity: Int(half * howMany)) { s in
            fftw_plan_many_dft_c2r(2, n, howMany, s, nil, 1, half, grid, nil, 1, rows * columns, flags)
        }
    }
    public static func planManyForward(rows: Int32, columns: Int32, howMany: Int32, grid: UnsafeMutablePointer<Double>,
                                       spectrum: UnsafeMutablePointer<Double>, flags: UInt32) -> OpaquePointer? {
        let n: [Int32] = [rows, columns], half = rows * (columns / 2 + 1)
        return spectrum.withMemoryRebound(to: fftw_complex.self, capacity: Int(half * howMany)) { s in
            fftw_plan_many_dft_r2c(2, n, howMany, grid, nil, 1, rows * columns, s, nil, 1, half, flags)
        }
    }
    public static func executeInverse(_ plan: OpaquePointer, spectrum: UnsafeMutablePointer<Double>,
                                      grid: UnsafeMutablePointer<Double>) {
        spectrum.withMemoryRebound(to: fftw_complex.self, capacity: 1) { fftw_execute_dft_c2r(plan, $0, grid) }
    }
    public static func executeForward(_ plan: OpaquePointer, grid: UnsafeMutablePointer<Double>,
                                      spectrum: UnsafeMutablePointer<Double>) {
        spectrum.withMemoryRebound(to: fftw_complex.self, capacity: 1) { fftw_execute_dft_r2c(plan, grid, $0) }
    }
    public static func destroy(_ plan: OpaquePointer) { fftw_destroy_plan(plan) }
    public static func allocate(count: Int) -> UnsafeMutablePointer<Double> {
        guard let p = fftw_alloc_real(max(count, 1)) else { fatalError("fftw_alloc_real(\(count)) failed") }
        return p
    }
    public static func free(_ pointer: UnsafeMutablePointer<Double>) { fftw_free(pointer) }
}

extension Float: BatchedFFTScalar {
    public static func planManyInverse(rows: Int32, columns: Int32, howMany: Int32, spectrum: UnsafeMutablePointer<Float>,
                                       grid: UnsafeMutablePointer<Float>, flags: UInt32) -> OpaquePointer? {
        let n: [Int32] = [rows, columns], half = rows * (columns / 2 + 1)
        return spectrum.withMemoryRebound(to: fftwf_complex.self, capacity: Int(half * howMany)) { s in
            fftwf_plan_many_dft_c2r(2, n, howMany, s, nil, 1, half, grid, nil, 1, rows * columns, flags)
        }
    }
    public static func planManyForward(rows: Int32, columns: Int32, howMany: Int32, grid: UnsafeMutablePointer<Float>,
                                       spectrum: UnsafeMutablePointer<Float>, flags: UInt32) -> OpaquePointer? {
        let n: [Int32] = [rows, columns], half = rows * (columns / 2 + 1)
        return spectrum.withMemoryRebound(to: fftwf_complex.self, capacity: Int(half * howMany)) { s in
            fftwf_plan_many_dft_r2c(2, n, howMany, grid, nil, 1, rows * columns, s, nil, 1, half, flags)
        }
    }
    public static func executeInverse(_ plan: OpaquePointer, spectrum: UnsafeMutablePointer<Float>,
                                      grid: UnsafeMutablePointer<Float>) {
        spectrum.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { fftwf_execute_dft_c2r(plan, $0, grid) }
    }
    public static func executeForward(_ plan: OpaquePointer, grid: UnsafeMutablePointer<Float>,
                                      spectrum: UnsafeMutablePointer<Float>) {
        spectrum.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { fftwf_execute_dft_r2c(plan, grid, $0) }
    }
    public static func destroy(_ plan: OpaquePointer) { fftwf_destroy_plan(plan) }
    public static func allocate(count: Int) -> UnsafeMutablePointer<Float> {
        guard let p = fftwf_alloc_real(max(count, 1)) else { fatalError("fftwf_alloc_real(\(count)) failed") }
        return p
    }
    public static func free(_ pointer: UnsafeMutablePointer<Float>) { fftwf_free(pointer) }
}

/// A pair of batched FFTW plans for `howMany` real 2D transforms of one shape, made once and reused.
///
/// ```
/// spectrum [howMany, rows, columns/2+1] complex  ──inverse (c2r, unnormalised)──▶  grid [howMany, rows, columns] real
/// grid     [howMany, rows, columns]     real     ──forward (r2c, unnormalised)──▶  spectrum
/// ```
/// Both directions are unnormalised (a round trip multiplies by `rows·columns`). The inverse overwrites its
/// input spectrum (FFTW cannot preserve it for 2D c2r). Buffers must come from ``allocate(count:)``.
/// Execution on distinct buffers is thread-safe; planning is serialised by a module-wide lock.
public final class BatchedRealFFT2D<Scalar: BatchedFFTScalar> {
    /// Grid rows and columns of each transform.
    public let rows: Int, columns: Int
    /// Transforms per execution.
    public let howMany: Int
    /// Whether the plans were made with `FFTW_MEASURE` (else `FFTW_ESTIMATE`).
    public let isMeasured: Bool
    private let inversePlan: OpaquePointer
    private let forwardPlan: OpaquePointer

    /// Complex numbers per transform in the half spectrum: `rows · (columns/2 + 1)`.
    public var spectrumCount: Int { rows * (columns / 2 + 1) }
    /// Real numbers per transform on the grid: `rows · columns`.
    public var gridCount: Int { rows * columns }

    /// Plans both directions (FFTW_ESTIMATE unless `measure`; measuring takes longer but runs faster).
    public init(rows: Int, columns: Int, howMany: Int, measure: Bool = false) {
        precondition(rows > 0 && columns > 0 && howMany > 0, "FFT shape \(rows)x\(columns) x\(howMany)")
        self.rows = rows
        self.columns = columns
        self.howMany = howMany
        self.isMeasured = measure
        let half = rows * (columns / 2 + 1)
        let flags: UInt32 = measure ? 0 : (1 << 6)
        let plans: (OpaquePointer?, OpaquePointer?) = fftwPlannerLock.withLock { _ in
            let s = Scalar.allocate(count: 2 * half * howMany), g = Scalar.allocate(count: rows * columns * howMany)
            defer { Scalar.free(s); Scalar.free(g) }
            let inv = Scalar.planManyInverse(rows: Int32(rows), columns: Int32(columns), howMany: Int32(howMany),
                                             spectrum: s, grid: g, flags: flags)
            let fwd = Scalar.planManyForward(rows: Int32(rows), columns: Int32(columns), howMany: Int32(howMany),
                                             grid: g, spectrum: s, flags: flags)
            return (inv, fwd)
        }
        guard let inv = plans.0, let fwd = plans.1 else { fatalError("FFTW could not plan \(rows)x\(columns) x\(howMany)") }
        inversePlan = inv
        forwardPlan = fwd
    }

    deinit {
        let inv = inversePlan, fwd = forwardPlan
        fftwPlannerLock.withLock { _ in Scalar.destroy(inv); Scalar.destroy(fwd) }
    }

    /// Aligned storage for `count` scalars (free with ``free(_:)``).
    public static func allocate(count: Int) -> UnsafeMutablePointer<Scalar> { Scalar.allocate(count: count) }
    /// Frees storage from ``allocate(count:)``.
    public static func free(_ pointer: UnsafeMutablePointer<Scalar>) { Scalar.free(pointer) }

    /// Complex-to-real: `howMany` half spectra (interleaved, `2 · spectrumCount` scalars each) to grids. Destroys `spectrum`.
    public func inverse(spectrum: UnsafeMutablePointer<Scalar>, grid: UnsafeMutablePointer<Scalar>) {
        Scalar.executeInverse(inversePlan, spectrum: spectrum, grid: grid)
    }

    /// Real-to-complex: `howMany` grids to half spectra.
    public func forward(grid: UnsafeMutablePointer<Scalar>, spectrum: UnsafeMutablePointer<Scalar>) {
        Scalar.executeForward(forwardPlan, grid: grid, spectrum: spectrum)
    }
}
