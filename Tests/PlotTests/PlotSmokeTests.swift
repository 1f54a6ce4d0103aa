import Testing
@testable import Plot

@Test func PlotModuleLinks() {
    #expect(Bool(true))
}
