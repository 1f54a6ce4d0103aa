import Testing
@testable import Baseline

@Test func BaselineModuleLinks() {
    #expect(Bool(true))
}
