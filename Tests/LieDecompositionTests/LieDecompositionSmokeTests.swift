import Testing
@testable import LieDecomposition

@Test func LieDecompositionModuleLinks() {
    #expect(Bool(true))
}
