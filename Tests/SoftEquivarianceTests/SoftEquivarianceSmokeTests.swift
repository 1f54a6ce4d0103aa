import Testing
@testable import SoftEquivariance

@Test func SoftEquivarianceModuleLinks() {
    #expect(Bool(true))
}
