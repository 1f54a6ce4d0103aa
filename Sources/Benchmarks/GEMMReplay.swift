import CBLAS

/// The GEMM calls of a training step, replayed on preallocated buffers with raw `cblas_sgemm`: the baseline
/// "time its GEMMs alone take" (everything else in a step — autodiff, elementwise, optimizer — is overhead).
final class GEMMReplay {
    /// One product `C[m, n] = op(A)·op(B)` with inner extent `k`, repeated `count` times.
    struct Shape {
        var m, n, k: Int
        var transposeA = false, transposeB = false
        var count = 1
    }

    let shapes: [Shape]
    var buffers: [(a: [Float], b: [Float], c: [Float])]

    init(_ shapes: [Shape]) {
        self.shapes = shapes
        buffers = shapes.map { s in
            (a: [Float](repeating: 0.5, count: s.m * s.k), b: [Float](repeating: 0.25, count: s.k * s.n),
             c: [Float](repeating: 0, count: s.m * s.n))
        }
    }

    /// Runs every product once.
    func run() {
        for (i, s) in shapes.enumerated() {
            let lda = s.transposeA ? s.m : s.k, ldb = s.transposeB ? s.k : s.n
            buffers[i].a.withUnsafeBufferPointer { pa in
                buffers[i].b.withUnsafeBufferPointer { pb in
                    buffers[i].c.withUnsafeMutableBufferPointer { pc in
                        for _ in 0..<s.count {
                            cblas_sgemm(CblasRowMajor, s.transposeA ? CblasTrans : CblasNoTrans,
                                        s.transposeB ? CblasTrans : CblasNoTrans, Int32(s.m), Int32(s.n), Int32(s.k), 1,
                                        pa.baseAddress, Int32(lda), pb.baseAddress, Int32(ldb), 0, pc.baseAddress, Int32(s.n))
                        }
                    }
                }
            }
        }
    }

    /// Floating-point operations of one replay.
    var flops: Double { shapes.reduce(0) { $0 + 2 * Double($1.m * $1.n * $1.k * $1.count) } }
}
