import Testing

@Test func endToEndTargetLinks() {
    #expect(Bool(true))
}
