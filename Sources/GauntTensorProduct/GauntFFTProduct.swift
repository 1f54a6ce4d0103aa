import Tensors

/// The batched Gaunt tensor product through the 2D Fourier basis and FFTW (Gaunt spec §4).
///
/// `z = x ⊗Ga y`, `z_c = Σ_ab G_abc x_a y_b`: the SH coefficients of `F_x · F_y`, truncated to degree `Lout`.
/// Inputs `[count, (L1+1)²]` and `[count, (L2+1)²]` (a "count" is one sample × channel pair), output
/// `[count, (Lout+1)²]`. Work is done in chunks of `chunk` products: one gemm per `|m|` to reach the
/// half spectra, one batched c2r per input, a pointwise product, one batched r2c, one gemm per `|m|` back.
/// Plans and buffers are made once in `init` and reused (`measure: true` plans with FFTW_MEASURE).
///
/// - Complexity: O(L³) per product (conversions) + O(L² log L) (FFTs).
public final class GauntFFTProduct<Scalar: BatchedFFTScalar>: GauntProductKernel {
    /// The cached conversion tables and grid size of this shape.
    public let tables: GauntTables
    /// Input degrees and output degree.
    public var degree1: Int { tables.degree1 }
    public var degree2: Int { tables.degree2 }
    public var outputDegree: Int { tables.outputDegree }
    /// Products per FFTW execution.
    public let chunk: Int
    let a1: [[Scalar]], a2: [[Scalar]], b: [[Scalar]]
    let fft: BatchedRealFFT2D<Scalar>
    let spectrum1: UnsafeMutablePointer<Scalar>, spectrum2: UnsafeMutablePointer<Scalar>
    let grid1: UnsafeMutablePointer<Scalar>, grid2: UnsafeMutablePointer<Scalar>
    var gathered: [Scalar], converted: [Scalar]

    /// Prepares tables, plans and buffers for inputs of degree `L1`, `L2` and output degree `Lout`.
    ///
    /// - Parameters:
    ///   - gridSize: override of `N` (default: the smallest 7-smooth size `>= 2(L1+L2)+1`); smaller sizes alias.
    ///   - chunk: products per FFT batch.
    ///   - measure: plan with FFTW_MEASURE (benchmarks, training) instead of FFTW_ESTIMATE (tests).
    public init(_ L1: Int, _ L2: Int, outputDegree Lout: Int? = nil, gridSize: Int? = nil, chunk: Int = 32,
                measure: Bool = false) {
        tables = GauntTables.shared(L1, L2, Lout ?? L1 + L2, gridSize: gridSize)
        self.chunk = chunk
        a1 = tables.toFourier1.map { $0.map { Scalar($0) } }
        a2 = tables.toFourier2.map { $0.map { Scalar($0) } }
        b = tables.fromFourier.map { $0.map { Scalar($0) } }
        let n = tables.gridSize
        fft = BatchedRealFFT2D<Scalar>(rows: n, columns: n, howMany: chunk, measure: measure)
        spectrum1 = Scalar.allocate(count: 2 * fft.spectrumCount * chunk)
        spectrum2 = Scalar.allocate(count: 2 * fft.spectrumCount * chunk)
        grid1 = Scalar.allocate(count: fft.gridCount * chunk)
        grid2 = Scalar.allocate(count: fft.gridCount * chunk)
        let width = 2 * (2 * tables.productDegree + 1)
        gathered = [Scalar](repeating: 0, count: chunk * max(width, (max(L1, L2) + 1) * 2))
        converted = [Scalar](repeating: 0, count: chunk * max(width, 2 * (Lout ?? L1 + L2) + 2))
    }

    deinit {
        Scalar.free(spectrum1); Scalar.free(spectrum2); Scalar.free(grid1); Scalar.free(grid2)
    }

    /// Applies the product to `count` pairs of rows.
    public func apply(x: UnsafePointer<Scalar>, y: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>,
                      count: Int) {
        let k1 = (degree1 + 1) * (degree1 + 1), k2 = (degree2 + 1) * (degree2 + 1)
        let ko = (outputDegree + 1) * (outputDegree + 1)
        var start = 0
        while start < count {
            let rows = min(chunk, count - start)
            toSpectrum(x + start * k1, rowLength: k1, rows: rows, degree: degree1, indices: tables.inputIndices1,
                       matrices: a1, spectrum: spectrum1)
            toSpectrum(y + start * k2, rowLength: k2, rows: rows, degree: degree2, indices: tables.inputIndices2,
                       matrices: a2, spectrum: spectrum2)
            fft.inverse(spectrum: spectrum1, grid: grid1)
            fft.inverse(spectrum: spectrum2, grid: grid2)
            let total = rows * fft.gridCount
            for i in 0..<total { grid1[i] *= grid2[i] }
            fft.forward(grid: grid1, spectrum: spectrum1)
            fromSpectrum(rows: rows, into: out + start * ko, rowLength: ko)
            start += rows
        }
    }

    /// Step 1: `f(u, v) = Σ_a x_a y^a_{u,v}` for `v >= 0`, placed at `(u mod N, v)` of zeroed half spectra.
    func toSpectrum(_ x: UnsafePointer<Scalar>, rowLength k: Int, rows: Int, degree L: Int, indices: [[Int]],
                    matrices: [[Scalar]], spectrum: UnsafeMutablePointer<Scalar>) {
        let n = tables.gridSize, half = n / 2 + 1, per = 2 * fft.spectrumCount, width = 2 * (2 * L + 1)
        spectrum.update(repeating: 0, count: per * chunk)
        for v in 0...L {
            let idx = indices[v], cols = idx.count
            gathered.withUnsafeMutableBufferPointer { g in
                for r in 0..<rows { for (c, a) in idx.enumerated() { g[r * cols + c] = x[r * k + a] } }
                converted.withUnsafeMutableBufferPointer { f in
                    matrices[v].withUnsafeBufferPointer { m in
                        Scalar.gemm(transposeA: false, transposeB: false, m: rows, n: width, k: cols, alpha: 1,
                                    a: UnsafePointer(g.baseAddress!), lda: cols, b: m.baseAddress!, ldb: width,
                                    beta: 0, c: f.baseAddress!, ldc: width)
                    }
                    for r in 0..<rows {
                        let base = spectrum + r * per
                        for u in -L...L {
                            let row = (u % n + n) % n
                            let o = 2 * (row * half + v), s = r * width + 2 * (u + L)
                            base[o] = f[s]
                            base[o + 1] = f[s + 1]
                        }
                    }
                }
            }
        }
    }

    /// Step 3: `z_a = Σ_u (h_re, h_im)(u, v) · B_v` for each `v = |m|`, from the r2c output in `spectrum1`.
    func fromSpectrum(rows: Int, into out: UnsafeMutablePointer<Scalar>, rowLength ko: Int) {
        let n = tables.gridSize, half = n / 2 + 1, per = 2 * fft.spectrumCount, Lo = tables.productDegree
        let width = 2 * (2 * Lo + 1)
        for v in 0...outputDegree {
            let idx = tables.outputIndices[v], cols = idx.count
            gathered.withUnsafeMutableBufferPointer { g in
                for r in 0..<rows {
                    let base = spectrum1 + r * per
                    for u in -Lo...Lo {
                        let o = 2 * (((u % n + n) % n) * half + v)
                        g[r * width + 2 * (u + Lo)] = base[o]
                        g[r * width + 2 * (u + Lo) + 1] = base[o + 1]
                    }
                }
                converted.withUnsafeMutableBufferPointer { z in
                    b[v].withUnsafeBufferPointer { m in
                        Scalar.gemm(transposeA: false, transposeB: false, m: rows, n: cols, k: width, alpha: 1,
                                    a: UnsafePointer(g.baseAddress!), lda: width, b: m.baseAddress!, ldb: cols,
                                    beta: 0, c: z.baseAddress!, ldc: cols)
                    }
                    for r in 0..<rows { for (c, a) in idx.enumerated() { out[r * ko + a] = z[r * cols + c] } }
                }
            }
        }
    }
}
