#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The fused Adam/AdamW update on raw buffers, four lanes at a time (SSE), then a scalar tail.
///
/// Per scalar: `g' = g + coupledDecay·θ`, `m ← β1·m + (1−β1)·g'`, `v ← β2·v + (1−β2)·g'²`,
/// `θ ← shrink·θ − stepSize·m / (√v·invSqrtC2 + ε)` with `stepSize = η/(1−β1ᵗ)`, `invSqrtC2 = 1/√(1−β2ᵗ)`,
/// `shrink = 1 − η·wd` for AdamW (else 1) and `coupledDecay = wd` for Adam (else 0).
struct AdamKernel {
    let beta1, beta2, epsilon, coupledDecay, shrink, stepSize, invSqrtC2: Float

    func apply(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
               v: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        #if arch(x86_64)
        // SSE on every x86-64: `_mm_sqrt_ps` keeps the square root vectorised (`Float.squareRoot()` on a SIMD
        // vector is scalarised because of its errno path); v >= 0 here, so the results are the exact IEEE roots.
        typealias V4 = SIMD4<Float>
        let b1 = V4(repeating: beta1), b2 = V4(repeating: beta2)
        let ob1 = V4(repeating: 1 - beta1), ob2 = V4(repeating: 1 - beta2)
        let decay = V4(repeating: coupledDecay), shrinkV = V4(repeating: shrink)
        let step = V4(repeating: stepSize), inv = V4(repeating: invSqrtC2), eps = V4(repeating: epsilon)
        while i + 4 <= count {
            let wi = UnsafeRawPointer(w + i).loadUnaligned(as: V4.self)
            let gi = UnsafeRawPointer(g + i).loadUnaligned(as: V4.self) + decay * wi
            let mi = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: V4.self) + ob1 * gi
            let vi = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: V4.self) + ob2 * gi * gi
            UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: V4.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: V4.self)
            let updated = wi * shrinkV - step * mi / (_mm_sqrt_ps(vi) * inv + eps)
            UnsafeMutableRawPointer(w + i).storeBytes(of: updated, as: V4.self)
            i += 4
        }
        #endif
        while i < count {
            let gi = g[i] + coupledDecay * w[i]
            let mi = beta1 * m[i] + (1 - beta1) * gi
            let vi = beta2 * v[i] + (1 - beta2) * gi * gi
            m[i] = mi
            v[i] = vi
            w[i] = w[i] * shrink - stepSize * mi / (vi.squareRoot() * invSqrtC2 + epsilon)
            i += 1
        }
    }
}
