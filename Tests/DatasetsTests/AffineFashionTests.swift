import Tensors
import Testing
@testable import Datasets

// MARK: - Spec §9: centred canvas, affFashion transforms, the identity-map check.

/// A synthetic 28×28 "garment": a filled rectangle with a gradient, zero elsewhere.
func syntheticImage(seed: UInt64) -> [Float] {
    var rng = RandomSource(seed: seed)
    let x0 = 4 + rng.int(below: 5), y0 = 3 + rng.int(below: 5), w = 10 + rng.int(below: 8), h = 12 + rng.int(below: 8)
    var img = [Float](repeating: 0, count: 784)
    for y in y0..<min(28, y0 + h) { for x in x0..<min(28, x0 + w) { img[y * 28 + x] = Float(1 + (x * 7 + y * 3) % 255) } }
    return img
}

@Test func identityMapReproducesTheCentredImageExactly() {
    for seed in 0..<5 as Range<UInt64> {
        let img = syntheticImage(seed: seed)
        var rng = RandomSource(seed: seed)
        let p = AffineFashion.randomPlacement(for: img[...], ranges: .identity, using: &rng)
        #expect(p.matrix == [1, 0, 0, 1] && p.centreX == 19.5 && p.centreY == 19.5)
        let rendered = AffineFashion.render(img[...], matrix: p.matrix, centre: (p.centreX, p.centreY))
        #expect(rendered == AffineFashion.centred(img[...]))
    }
}

@Test func centredCanvasHasSixPixelBorder() {
    let img = [Float](repeating: 3, count: 784)
    let c = AffineFashion.centred(img[...])
    #expect(c.reduce(0, +) == 3 * 784)
    #expect(c[6 * 40 + 6] == 3 && c[5 * 40 + 6] == 0 && c[33 * 40 + 33] == 3 && c[34 * 40 + 33] == 0)
}

@Test func affineMatrixComposesRotationShearScale() {
    let a = AffineFashion.matrix(rotation: Double.pi / 2, shear: 0.2, scaleX: 0.8, scaleY: 1.2)
    // R(90°)·[[1, .2], [0, 1]]·diag(.8, 1.2) = [[0, −1.2], [0.8, 0.24]].
    let expected = [0.0, -1.2, 0.8, 0.24]
    for (x, y) in zip(a, expected) { #expect(abs(x - y) < 1e-12) }
}

@Test func affineTestSetKeepsObjectsInsideAndIsSeeded() {
    var images: [Float] = []
    for s in 0..<40 as Range<UInt64> { images += syntheticImage(seed: s) }
    let set = AffineFashion.affineSet(images, count: 40, ranges: AffineFashionRanges(), seed: 7)
    #expect(set == AffineFashion.affineSet(images, count: 40, ranges: AffineFashionRanges(), seed: 7))
    #expect(set != AffineFashion.affineSet(images, count: 40, ranges: AffineFashionRanges(), seed: 8))
    var rng = RandomSource(seed: 9)
    for i in 0..<40 {
        let img = images[(i * 784)..<((i + 1) * 784)]
        let p = AffineFashion.randomPlacement(for: img, ranges: AffineFashionRanges(), using: &rng)
        let det = p.matrix[0] * p.matrix[3] - p.matrix[1] * p.matrix[2]
        #expect(det > 0.8 * 0.8 - 1e-9 && det < 1.2 * 1.2 + 1e-9)
        // Mass is (nearly) conserved up to the area factor det A: nothing is cut off by the canvas.
        let out = AffineFashion.render(img, matrix: p.matrix, centre: (p.centreX, p.centreY))
        let ratio = Double(out.reduce(0, +)) / (Double(img.reduce(0, +)) * det)
        #expect(abs(ratio - 1) < 0.05, "mass ratio \(ratio) for image \(i)")
    }
}

@Test func integerTranslationShiftsPixels() {
    let img = syntheticImage(seed: 3)
    let shifted = AffineFashion.render(img[...], matrix: [1, 0, 0, 1], centre: (21.5, 18.5))
    let centred = AffineFashion.centred(img[...])
    for y in 1..<39 { for x in 0..<38 { #expect(shifted[y * 40 + x + 2] == centred[(y + 1) * 40 + x] || y + 1 >= 40) } }
}
