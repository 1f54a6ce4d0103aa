import Testing
@testable import Datasets

@Test func DatasetsModuleLinks() {
    #expect(Bool(true))
}
