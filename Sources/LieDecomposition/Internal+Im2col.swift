import Autodiff
import Foundation
import Synchronization
import Tensors

// Local conv2d (im2col + GEMM) with its VJP. To be hoisted into Tensors/Autodiff by the integrator
// (`Tensor.conv2d`, `Variable.conv2d`); this module keeps its own copy until then.

/// Accumulates wall time spent inside convolution GEMM calls (for the "share of time in GEMM" benchmark).
enum GEMMProfiler {
    static let state = Mutex<(enabled: Bool, seconds: Double, calls: Int)>((false, 0, 0))

    /// Starts counting from zero.
    static func start() { state.withLock { $0 = (true, 0, 0) } }

    /// Stops counting; returns the seconds and calls recorded.
    @discardableResult
    static func stop() -> (seconds: Double, calls: Int) {
        state.withLock { s in s.enabled = false; return (s.seconds, s.calls) }
    }

    /// Runs `body`, adding its thread CPU time when enabled (CPU time, so a busy shared machine does not
    /// inflate it; one BLAS thread runs in the caller's thread).
    @inline(__always)
    static func measure(_ body: () -> Void) {
        guard state.withLock({ $0.enabled }) else { body(); return }
        let t0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID)
        body()
        let dt = cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - t0
        state.withLock { $0.seconds += dt; $0.calls += 1 }
    }

    /// CPU seconds of a POSIX clock (`CLOCK_THREAD_CPUTIME_ID`, `CLOCK_PROCESS_CPUTIME_ID`).
    static func cpuSeconds(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

/// Geometry of a square-kernel, stride-1 2-D cross-correlation.
struct ConvGeometry: Sendable, Equatable {
    var channels: Int
    var height: Int
    var width: Int
    var kernel: Int
    var padding: Int
    var outHeight: Int { height + 2 * padding - kernel + 1 }
    var outWidth: Int { width + 2 * padding - kernel + 1 }
    var rows: Int { channels * kernel * kernel }
    var pixels: Int { outHeight * outWidth }

    /// Images per GEMM so that each product has at least ~2k columns (bounded by the batch).
    func chunk(batch: Int) -> Int { max(1, min(batch, 2048 / max(pixels, 1))) }

    /// Writes the im2col matrix of one image into columns `[offset, offset + pixels)` of `col`
    /// (`[rows, ldc]`, row `(c·K + p)·K + q`, column `y·Wo + x`), zero padding outside.
    func im2col<S: FloatingScalar>(_ image: UnsafePointer<S>, into col: UnsafeMutablePointer<S>, ldc: Int, offset: Int) {
        let ho = outHeight, wo = outWidth, k = kernel
        for c in 0..<channels {
            let plane = image + c * height * width
            for p in 0..<k {
                for q in 0..<k {
                    let row = col + ((c * k + p) * k + q) * ldc + offset
                    let shift = q - padding
                    let lo = max(0, -shift), hi = min(wo, width - shift)
                    for y in 0..<ho {
                        let sy = y + p - padding
                        let dst = row + y * wo
                        if sy < 0 || sy >= height || hi <= lo {
                            dst.update(repeating: 0, count: wo)
                            continue
                        }
                        if lo > 0 { dst.update(repeating: 0, count: lo) }
                        dst.advanced(by: lo).update(from: plane + sy * width + lo + shift, count: hi - lo)
                        if hi < wo { dst.advanced(by: hi).update(repeating: 0, count: wo - hi) }
                    }
                }
            }
        }
    }

    /// Adds the columns `[offset, offset + pixels)` of `col` back into one image (the adjoint of `im2col`).
    func col2im<S: FloatingScalar>(_ col: UnsafePointer<S>, ldc: Int, offset: Int, into image: UnsafeMutablePointer<S>) {
        let ho = outHeight, wo = outWidth, k = kernel
        for c in 0..<channels {
            let plane = image + c * height * width
            for p in 0..<k {
                for q in 0..<k {
                    let row = col + ((c * k + p) * k + q) * ldc + offset
                    let shift = q - padding
                    let lo = max(0, -shift), hi = min(wo, width - shift)
                    if hi <= lo { continue }
                    for y in 0..<ho {
                        let sy = y + p - padding
                        if sy < 0 || sy >= height { continue }
                        let src = row + y * wo
                        let dst = plane + sy * width + shift
                        for x in lo..<hi { dst[x] += src[x] }
                    }
                }
            }
        }
    }
}

/// Stride-1 cross-correlation `out[b, o, y, x] = Σ_{c,p,q} w[o, c, p, q] · in[b, c, y+p−pad, x+q−pad]`.
///
/// `input: [B, C, H, W]`, `weight: [O, C, K, K]` → `[B, O, H+2pad−K+1, W+2pad−K+1]`. Forward: im2col of a chunk
/// of images, one GEMM `[O, CKK] × [CKK, chunk·HoWo]`. VJP: `dW += dOut·colᵀ`, `dCol = Wᵀ·dOut` then col2im
/// (im2col is recomputed, not stored).
func conv2d<S: FloatingScalar>(_ input: Variable<S>, _ weight: Variable<S>, padding: Int) -> Variable<S> {
    let x = input.value, w = weight.value
    precondition(x.rank == 4 && w.rank == 4 && w.shape[1] == x.shape[1] && w.shape[2] == w.shape[3],
                 "conv2d needs input [B,C,H,W] and weight [O,C,K,K], got \(x.shape) and \(w.shape)")
    let batch = x.shape[0], outChannels = w.shape[0]
    let geo = ConvGeometry(channels: x.shape[1], height: x.shape[2], width: x.shape[3], kernel: w.shape[2],
                           padding: padding)
    precondition(geo.outHeight > 0 && geo.outWidth > 0, "conv2d output would be empty for \(x.shape), K \(geo.kernel)")
    let chunk = geo.chunk(batch: batch)
    let rows = geo.rows, pixels = geo.pixels, imageSize = geo.channels * geo.height * geo.width
    var out = [S](repeating: 0, count: batch * outChannels * pixels)
    var col = [S](repeating: 0, count: rows * chunk * pixels)
    var tmp = [S](repeating: 0, count: outChannels * chunk * pixels)
    x.scalars.withUnsafeBufferPointer { px in
        w.scalars.withUnsafeBufferPointer { pw in
            col.withUnsafeMutableBufferPointer { pc in
                tmp.withUnsafeMutableBufferPointer { pt in
                    out.withUnsafeMutableBufferPointer { po in
                        var start = 0
                        while start < batch {
                            let n = min(chunk, batch - start)
                            let ldc = n * pixels
                            for b in 0..<n {
                                geo.im2col(px.baseAddress! + (start + b) * imageSize, into: pc.baseAddress!, ldc: ldc,
                                           offset: b * pixels)
                            }
                            GEMMProfiler.measure {
                                S.gemm(transposeA: false, transposeB: false, m: outChannels, n: ldc, k: rows, alpha: 1,
                                       a: pw.baseAddress!, lda: rows, b: pc.baseAddress!, ldb: ldc, beta: 0,
                                       c: pt.baseAddress!, ldc: ldc)
                            }
                            for b in 0..<n {
                                for o in 0..<outChannels {
                                    let dst = po.baseAddress! + ((start + b) * outChannels + o) * pixels
                                    let src = pt.baseAddress! + o * ldc + b * pixels
                                    dst.update(from: src, count: pixels)
                                }
                            }
                            start += n
                        }
                    }
                }
            }
        }
    }
    let outShape = [batch, outChannels, geo.outHeight, geo.outWidth]
    let needInput = input.requiresGradient, needWeight = weight.requiresGradient
    return Variable(Tensor(shape: outShape, scalars: out), inputs: [input, weight]) { g in
        var dx = needInput ? [S](repeating: 0, count: x.count) : []
        var dw = [S](repeating: 0, count: w.count)
        var col = [S](repeating: 0, count: rows * chunk * pixels)
        var dcol = needInput ? [S](repeating: 0, count: rows * chunk * pixels) : []
        var gchunk = [S](repeating: 0, count: outChannels * chunk * pixels)
        x.scalars.withUnsafeBufferPointer { px in
            w.scalars.withUnsafeBufferPointer { pw in
                g.scalars.withUnsafeBufferPointer { pg in
                    col.withUnsafeMutableBufferPointer { pc in
                        dcol.withUnsafeMutableBufferPointer { pdc in
                            gchunk.withUnsafeMutableBufferPointer { pgc in
                                dx.withUnsafeMutableBufferPointer { pdx in
                                    dw.withUnsafeMutableBufferPointer { pdw in
                                        var start = 0
                                        while start < batch {
                                            let n = min(chunk, batch - start)
                                            let ldc = n * pixels
                                            for b in 0..<n {
                                                for o in 0..<outChannels {
                                                    let src = pg.baseAddress! + ((start + b) * outChannels + o) * pixels
                                                    (pgc.baseAddress! + o * ldc + b * pixels).update(from: src, count: pixels)
                                                }
                                            }
                                            if needWeight {
                                                for b in 0..<n {
                                                    geo.im2col(px.baseAddress! + (start + b) * imageSize,
                                                               into: pc.baseAddress!, ldc: ldc, offset: b * pixels)
                                                }
                                                GEMMProfiler.measure {
                                                    S.gemm(transposeA: false, transposeB: true, m: outChannels, n: rows,
                                                           k: ldc, alpha: 1, a: pgc.baseAddress!, lda: ldc,
                                                           b: pc.baseAddress!, ldb: ldc, beta: 1,
                                                           c: pdw.baseAddress!, ldc: rows)
                                                }
                                            }
                                            if needInput {
                                                GEMMProfiler.measure {
                                                    S.gemm(transposeA: true, transposeB: false, m: rows, n: ldc,
                                                           k: outChannels, alpha: 1, a: pw.baseAddress!, lda: rows,
                                                           b: pgc.baseAddress!, ldb: ldc, beta: 0,
                                                           c: pdc.baseAddress!, ldc: ldc)
                                                }
                                                for b in 0..<n {
                                                    geo.col2im(UnsafePointer(pdc.baseAddress!), ldc: ldc, offset: b * pixels,
                                                               into: pdx.baseAddress! + (start + b) * imageSize)
                                                }
                                            }
                                            start += n
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return [needInput ? Tensor(shape: x.shape, scalars: dx) : nil,
                needWeight ? Tensor(shape: w.shape, scalars: dw) : nil]
    }
}
