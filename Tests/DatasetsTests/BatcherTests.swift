import Testing
import Tensors
@testable import Datasets

// MARK: - Seeded shuffled batches with a saveable cursor

@Test func batcherVisitsEveryExampleOncePerEpochInASeededOrder() {
    var b = Batcher(count: 12, batchSize: 4, seed: 3)
    var epoch0: [Int] = [], epoch1: [Int] = []
    for _ in 0..<3 { epoch0 += b.nextBatch() }
    for _ in 0..<3 { epoch1 += b.nextBatch() }
    #expect(epoch0.sorted() == Array(0..<12) && epoch1.sorted() == Array(0..<12))
    #expect(epoch0 != epoch1)
    #expect(b.cursor == Batcher.Cursor(epoch: 1, batch: 3))
    var again = Batcher(count: 12, batchSize: 4, seed: 3)
    #expect(Array(again.nextBatch()) == Array(epoch0.prefix(4)))
    var other = Batcher(count: 12, batchSize: 4, seed: 4)
    #expect(Array(other.nextBatch()) != Array(epoch0.prefix(4)))
}

@Test func batcherDropsThePartialLastBatch() {
    var b = Batcher(count: 10, batchSize: 4, seed: 1)
    #expect(b.batchesPerEpoch == 2)
    _ = b.nextBatch(); _ = b.nextBatch()
    #expect(b.nextBatch().count == 4)
    #expect(b.cursor.epoch == 1)
}

@Test func batcherCursorRestoresTheExactContinuation() {
    var a = Batcher(count: 50, batchSize: 7, seed: 9)
    for _ in 0..<11 { _ = a.nextBatch() }
    let saved = a.cursor
    let expected = (0..<9).map { _ in Array(a.nextBatch()) }
    var b = Batcher(count: 50, batchSize: 7, seed: 9)
    b.cursor = saved
    #expect((0..<9).map { _ in Array(b.nextBatch()) } == expected)
}

@Test func gatherCopiesTheRequestedRows() {
    let x = Tensor<Float>(shape: [4, 3], scalars: (0..<12).map(Float.init))
    #expect(Batcher.gather(x, rows: [2, 0, 2][...]) == Tensor(shape: [3, 3], scalars: [6, 7, 8, 0, 1, 2, 6, 7, 8]))
}
