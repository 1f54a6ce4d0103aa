#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Branch-free vector loops for the hottest elementwise operations (ReLU and its mask), on raw buffers.
///
/// Written with SSE intrinsics on x86-64 (every x86-64 CPU has SSE2): a compare and a max / and per four lanes,
/// so the cost does not depend on the signs of the data (a scalar `x > 0 ? x : 0` loop mispredicts half its
/// branches on random signs). Other architectures and scalar types use plain loops. Results are exact.
public enum VectorKernels {
    /// `y[i] = x[i] > 0 ? x[i] : 0` (NaN becomes 0). `x` and `y` may be the same buffer.
    @inlinable
    public static func relu<S: FloatingScalar>(_ x: UnsafePointer<S>, into y: UnsafeMutablePointer<S>, count: Int) {
        if S.self == Float.self {
            reluFloat(UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                      UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self), count)
            return
        }
        for i in 0..<count { let v = x[i]; y[i] = v > 0 ? v : 0 }
    }

    /// `out[i] = y[i] > 0 ? g[i] : 0`: the ReLU's VJP from its output `y`. `out` may alias `g`.
    @inlinable
    public static func reluMask<S: FloatingScalar>(gradient g: UnsafePointer<S>, output y: UnsafePointer<S>,
                                                  into out: UnsafeMutablePointer<S>, count: Int) {
        if S.self == Float.self {
            reluMaskFloat(UnsafeRawPointer(g).assumingMemoryBound(to: Float.self),
                          UnsafeRawPointer(y).assumingMemoryBound(to: Float.self),
                          UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self), count)
            return
        }
        for i in 0..<count { let gv = g[i], yv = y[i]; out[i] = yv > 0 ? gv : 0 }
    }

    @usableFromInline
    static func reluFloat(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        #if arch(x86_64)
        let zero = SIMD4<Float>(repeating: 0)
        while i + 4 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Float>.self)
            // _mm_max_ps(v, 0) returns the second operand (0) when v is NaN.
            UnsafeMutableRawPointer(y + i).storeBytes(of: _mm_max_ps(v, zero), as: SIMD4<Float>.self)
            i += 4
        }
        #endif
        while i < count { let v = x[i]; y[i] = v > 0 ? v : 0; i += 1 }
    }

    @usableFromInline
    static func reluMaskFloat(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                              _ count: Int) {
        var i = 0
        #if arch(x86_64)
        let zero = SIMD4<Float>(repeating: 0)
        while i + 4 <= count {
            let gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD4<Float>.self)
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: _mm_and_ps(gv, _mm_cmpgt_ps(yv, zero)), as: SIMD4<Float>.self)
            i += 4
        }
        #endif
        while i < count { let gv = g[i], yv = y[i]; out[i] = yv > 0 ? gv : 0; i += 1 }
    }
}
