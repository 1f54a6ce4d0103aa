/// How the CLI configures the workbench.
public struct WorkbenchOptions: Sendable, Equatable {
    /// Another run's directory whose `metrics.jsonl` is drawn as a faint baseline overlay on the charts.
    public var baselineRunDirectory: String?
    /// Draw only ASCII (also chosen automatically when the locale is not UTF-8).
    public var asciiOnly: Bool
    /// No colour (also chosen automatically when `NO_COLOR` is set or the terminal has no colours).
    public var noColor: Bool
    /// Upper bound on redraws per second (≤ 15 by design).
    public var maximumFrameRate: Double
    /// Seconds to wait for the run to checkpoint and stop on quit or Ctrl-C before leaving anyway.
    public var stopTimeout: Double

    /// Options with the defaults: no baseline, Unicode and colour when the terminal allows, 15 Hz.
    public init(baselineRunDirectory: String? = nil, asciiOnly: Bool = false, noColor: Bool = false,
                maximumFrameRate: Double = 15, stopTimeout: Double = 30) {
        self.baselineRunDirectory = baselineRunDirectory
        self.asciiOnly = asciiOnly
        self.noColor = noColor
        self.maximumFrameRate = min(max(maximumFrameRate, 1), 15)
        self.stopTimeout = stopTimeout
    }
}
