import Testing
@testable import GauntTensorProduct

@Test func GauntTensorProductModuleLinks() {
    #expect(Bool(true))
}
