import Testing
@testable import Symmetry

@Test func SymmetryModuleLinks() {
    #expect(Bool(true))
}
