import Symmetry

/// The architecture and sampling choices of the affine G-CNN and its CNN baseline (spec §10, CPU preset).
///
/// ```
/// 40×40 ─ lift K5 valid ─ LN ─ GELU ─ pool ─ gconv K5 pad 2 ─ LN ─ GELU ─ pool ─ gconv K3 valid ─ LN ─ GELU
///       ─ global max over (N, H, W) ─ Linear(C, 64, no bias) ─ LN(64) ─ GELU ─ Linear(64, 10)
/// ```
/// The CNN baseline uses the same skeleton with free convolution weights (no sample axis).
public struct LieGCNNConfiguration: Sendable, Equatable, Codable {
    /// `H`: SL(2) or GL+(2) (ignored by the CNN).
    public var group: GL2Group
    /// Channels `C` per sample (the CNN's width).
    public var channels: Int
    /// Monte Carlo samples `N` per forward pass.
    public var samples: Int
    /// Log-normal variance `σ²` of the positive-definite factor.
    public var variance: Double
    /// Rotation placement.
    public var rotation: RotationSampling
    /// Kernel mask.
    public var mask: KernelMask
    /// Whether the Haar volume factors `|det g|⁻¹` multiply the kernels (GL only; SL has det 1).
    public var determinantFactors: Bool
    /// SIREN frequency `ω₀`.
    public var omega: Double
    /// SIREN hidden width.
    public var kernelWidth: Int
    /// SIREN hidden `H×H` layers.
    public var kernelDepth: Int
    /// Width of the classifier head's hidden layer.
    public var headWidth: Int
    /// Number of classes.
    public var classes: Int

    /// The §10 CPU preset (`C = 16`, `N = 4`, random offset, `σ² = 0.1`, SIREN hidden 32, ω₀ = 10).
    public init(group: GL2Group = .specialLinear, channels: Int = 16, samples: Int = 4, variance: Double = 0.1,
                rotation: RotationSampling = .offset, mask: KernelMask? = nil, determinantFactors: Bool = true,
                omega: Double = 10, kernelWidth: Int = 32, kernelDepth: Int = 2, headWidth: Int = 64,
                classes: Int = 10) {
        self.group = group
        self.channels = channels
        self.samples = samples
        self.variance = variance
        self.rotation = rotation
        self.mask = mask ?? (group == .specialLinear ? .hard : .smooth)
        self.determinantFactors = determinantFactors
        self.omega = omega
        self.kernelWidth = kernelWidth
        self.kernelDepth = kernelDepth
        self.headWidth = headWidth
        self.classes = classes
    }

    /// The sampler these choices define.
    public var sampler: HaarSampler {
        HaarSampler(group: group, count: samples, variance: variance, rotation: rotation)
    }
}
