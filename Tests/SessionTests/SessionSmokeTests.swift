import Testing
@testable import Session

@Test func SessionModuleLinks() {
    #expect(Bool(true))
}
