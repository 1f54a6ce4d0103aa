import Testing
@testable import EquilibriumPropagation

@Test func EquilibriumPropagationModuleLinks() {
    #expect(Bool(true))
}
