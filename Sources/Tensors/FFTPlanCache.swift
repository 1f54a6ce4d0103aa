import CFFTW
import Synchronization

/// FFTW plans created once per (precision, kind, shape, batch) and reused for every later transform.
///
/// FFTW's planner is not thread-safe but `fftw_execute_*` on an existing plan is. So every plan is created
/// under one process-wide `Mutex` (planning is serialized, for Float and Double alike) with
/// `FFTW_ESTIMATE | FFTW_UNALIGNED` (reproducible plans that never touch the planning arrays and accept
/// Swift arrays of any alignment), and transforms run outside the lock through the new-array execute
/// functions (`fftw_execute_dft`, `_r2c`, `_c2r`) on the caller's buffers. Plans live for the process.
enum FFTPlanCache {
    /// What a plan computes.
    enum Kind: Hashable, Sendable {
        /// Complex to complex, `e^{-2πi kn/N}` (FFTW_FORWARD).
        case forward
        /// Complex to complex, `e^{+2πi kn/N}` (FFTW_BACKWARD), unnormalised.
        case backward
        /// Real to half-spectrum complex.
        case realToComplex
        /// Half-spectrum complex to real, unnormalised.
        case complexToReal
    }

    struct Key: Hashable, Sendable {
        let isDouble: Bool
        let kind: Kind
        /// The logical transform extents (1 or 2 axes).
        let extents: [Int]
        /// The number of transforms in the batch.
        let batch: Int
    }

    /// An FFTW plan pointer; FFTW allows executing one plan from several threads at once.
    struct Plan: @unchecked Sendable {
        let raw: OpaquePointer
    }

    static let plans = Mutex<[Key: Plan]>([:])

    static let flags: UInt32 = FFTW_ESTIMATE | FFTW_UNALIGNED

    /// The cached plan for `key`, creating it (serialized) on first use.
    static func plan(_ key: Key) -> Plan {
        plans.withLock { cache in
            if let plan = cache[key] { return plan }
            let plan = fftwPlannerLock.withLock { _ in make(key) }
            cache[key] = plan
            return plan
        }
    }

    /// The number of cached plans (for tests of the cache).
    static var count: Int { plans.withLock { $0.count } }

    private static func make(_ key: Key) -> Plan {
        let n = key.extents.map { Int32($0) }
        let logical = key.extents.reduce(1, *)
        let half = key.extents.dropLast().reduce(1, *) * (key.extents[key.extents.count - 1] / 2 + 1)
        let rank = Int32(n.count), howMany = Int32(key.batch)
        let realCount = logical * key.batch, complexCount = (key.kind == .forward || key.kind == .backward ? logical : half) * key.batch
        let cDist = Int32(key.kind == .forward || key.kind == .backward ? logical : half)
        let rDist = Int32(logical)
        let raw: OpaquePointer?
        if key.isDouble {
            let r = fftw_alloc_real(max(realCount, 1))
            let a = fftw_alloc_complex(max(complexCount, 1))
            let b = fftw_alloc_complex(max(complexCount, 1))
            defer { fftw_free(r); fftw_free(a); fftw_free(b) }
            raw = n.withUnsafeBufferPointer { pn in
                switch key.kind {
                case .forward, .backward:
                    fftw_plan_many_dft(rank, pn.baseAddress, howMany, a, nil, 1, cDist, b, nil, 1, cDist,
                                       key.kind == .forward ? FFTW_FORWARD : FFTW_BACKWARD, flags)
                case .realToComplex:
                    fftw_plan_many_dft_r2c(rank, pn.baseAddress, howMany, r, nil, 1, rDist, a, nil, 1, cDist, flags)
                case .complexToReal:
                    fftw_plan_many_dft_c2r(rank, pn.baseAddress, howMany, a, nil, 1, cDist, r, nil, 1, rDist, flags)
                }
            }
        } else {
            let r = fftwf_alloc_real(max(realCount, 1))
            let a = fftwf_alloc_complex(max(complexCount, 1))
            let b = fftwf_alloc_complex(max(complexCount, 1))
            defer { fftwf_free(r); fftwf_free(a); fftwf_free(b) }
            raw = n.withUnsafeBufferPointer { pn in
                switch key.kind {
                case .forward, .backward:
                    fftwf_plan_many_dft(rank, pn.baseAddress, howMany, a, nil, 1, cDist, b, nil, 1, cDist,
                                        key.kind == .forward ? FFTW_FORWARD : FFTW_BACKWARD, flags)
                case .realToComplex:
                    fftwf_plan_many_dft_r2c(rank, pn.baseAddress, howMany, r, nil, 1, rDist, a, nil, 1, cDist, flags)
                case .complexToReal:
                    fftwf_plan_many_dft_c2r(rank, pn.baseAddress, howMany, a, nil, 1, cDist, r, nil, 1, rDist, flags)
                }
            }
        }
        guard let raw else { preconditionFailure("FFTW could not plan \(key)") }
        return Plan(raw: raw)
    }

    // MARK: - Execution on caller buffers (thread-safe)

    /// Complex-to-complex transform from `input` to `output` (distinct buffers of interleaved pairs).
    static func executeComplex(_ plan: Plan, isDouble: Bool, input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
        let src = UnsafeMutableRawPointer(mutating: input)  // out-of-place c2c preserves its input
        if isDouble {
            fftw_execute_dft(plan.raw, src.assumingMemoryBound(to: fftw_complex.self),
                             output.assumingMemoryBound(to: fftw_complex.self))
        } else {
            fftwf_execute_dft(plan.raw, src.assumingMemoryBound(to: fftwf_complex.self),
                              output.assumingMemoryBound(to: fftwf_complex.self))
        }
    }

    /// Real-to-complex transform (out of place; preserves `input`).
    static func executeRealToComplex(_ plan: Plan, isDouble: Bool, input: UnsafeRawPointer,
                                     output: UnsafeMutableRawPointer) {
        let src = UnsafeMutableRawPointer(mutating: input)
        if isDouble {
            fftw_execute_dft_r2c(plan.raw, src.assumingMemoryBound(to: Double.self),
                                 output.assumingMemoryBound(to: fftw_complex.self))
        } else {
            fftwf_execute_dft_r2c(plan.raw, src.assumingMemoryBound(to: Float.self),
                                  output.assumingMemoryBound(to: fftwf_complex.self))
        }
    }

    /// Complex-to-real transform; FFTW overwrites `input`, so callers pass a scratch copy.
    static func executeComplexToReal(_ plan: Plan, isDouble: Bool, scratchInput: UnsafeMutableRawPointer,
                                     output: UnsafeMutableRawPointer) {
        if isDouble {
            fftw_execute_dft_c2r(plan.raw, scratchInput.assumingMemoryBound(to: fftw_complex.self),
                                 output.assumingMemoryBound(to: Double.self))
        } else {
            fftwf_execute_dft_c2r(plan.raw, scratchInput.assumingMemoryBound(to: fftwf_complex.self),
                                  output.assumingMemoryBound(to: Float.self))
        }
    }
}

/// FFTW's planner is not thread-safe: every plan creation and destruction in the process (the plan cache and
/// `BatchedRealFFT2D`) holds this one lock; executing existing plans on new arrays needs no lock.
let fftwPlannerLock = Mutex<Int>(0)
