import Testing
@testable import InvertibilityDecomposition

@Test func InvertibilityDecompositionModuleLinks() {
    #expect(Bool(true))
}
