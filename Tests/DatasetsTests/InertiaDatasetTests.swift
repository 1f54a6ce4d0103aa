import Testing
import Tensors
@testable import Datasets

@Test func inertiaTargetMatchesTheFormula() {
    var rng = RandomSource(seed: 1)
    let d = InertiaDataset(columnScales: InertiaDataset.columnScales(axis: 2, coefficient: -1), trainCount: 5,
                           validationCount: 3, testCount: 2, using: &rng)
    #expect(d.train.inputs.shape == [5, 20] && d.validation.targets.shape == [3, 9] && d.test.inputs.shape == [2, 20])
    #expect(d.train.inputs.scalars.enumerated().allSatisfy { $0.offset % 20 >= 5 || $0.element > 0 })   // softplus masses
    // One mass at r = (1, 2, 3) with m = 2: I = 2(14·I₃ − r rᵀ); the z column is zeroed (c = −1, a = z).
    let x: [Double] = [2, 0, 0, 0, 0, 1, 2, 3] + Array(repeating: 0, count: 12)
    let y = InertiaDataset.target(x, columnScales: [1, 1, 0])
    let expected: [Double] = [26, -4, 0, -4, 20, 0, -6, -12, 0]
    #expect(zip(y, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(InertiaDataset.columnScales(axis: 0, coefficient: 0.5) == [1.5, 1, 1])
}

@Test func inertiaDrawsAreSeeded() {
    var a = RandomSource(seed: 4), b = RandomSource(seed: 4)
    let d1 = InertiaDataset(columnScales: [1, 1, 0], trainCount: 4, validationCount: 1, testCount: 1, using: &a)
    let d2 = InertiaDataset(columnScales: [1, 1, 0], trainCount: 4, validationCount: 1, testCount: 1, using: &b)
    #expect(d1.train.targets == d2.train.targets)
}
