import Testing
@testable import FrameAveraging

@Test func FrameAveragingModuleLinks() {
    #expect(Bool(true))
}
