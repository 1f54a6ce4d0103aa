import Foundation
import Testing
@testable import Datasets

func fixture(_ name: String) throws -> String {
    try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)).path
}

func temporaryFile(_ bytes: [UInt8], name: String = "x-idx") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilab-idx-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

func idx(_ dims: [Int], _ data: [UInt8], type: UInt8 = 8) -> [UInt8] {
    var out: [UInt8] = [0, 0, type, UInt8(dims.count)]
    for d in dims { out += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
    return out + data
}

// MARK: - Reading

@Test func idxReadsGzippedAndPlainFiles() throws {
    let images = try IDXArray(contentsOf: try fixture("tiny-images-idx3-ubyte.gz"))
    #expect(images.shape == [3, 2, 2])
    #expect(images.bytes == [0, 1, 2, 3, 10, 20, 30, 40, 255, 254, 253, 252])
    let labels = try IDXArray(contentsOf: try fixture("tiny-labels-idx1-ubyte.gz"))
    #expect(labels.shape == [3] && labels.bytes == [7, 0, 9])
    let plain = try IDXArray(contentsOf: temporaryFile(idx([2, 3], [1, 2, 3, 4, 5, 6])))
    #expect(plain.shape == [2, 3] && plain.bytes == [1, 2, 3, 4, 5, 6])
    let firstTwo = try IDXArray(contentsOf: try fixture("tiny-images-idx3-ubyte.gz"), limit: 2)
    #expect(firstTwo.shape == [2, 2, 2] && firstTwo.bytes == [0, 1, 2, 3, 10, 20, 30, 40])
}

// MARK: - Bad files

@Test func idxBadFilesGiveErrorsNamingTheFile() throws {
    #expect(throws: DatasetError.missing(file: "/nonexistent/a.gz", hint: "get it")) {
        try IDXArray(contentsOf: "/nonexistent/a.gz", missingHint: "get it")
    }
    let truncated = temporaryFile(idx([3, 2, 2], [1, 2, 3, 4, 5]))
    #expect(throws: DatasetError.truncated(file: truncated, expectedBytes: 12, foundBytes: 5)) {
        try IDXArray(contentsOf: truncated)
    }
    let badMagic = temporaryFile([1, 2, 8, 1, 0, 0, 0, 1, 7])
    #expect(throws: DatasetError.malformed(file: badMagic, detail: "magic number starts 1 2, expected 0 0")) {
        try IDXArray(contentsOf: badMagic)
    }
    let floats = temporaryFile(idx([1], [0, 0, 0, 0], type: 0x0D))
    #expect(throws: DatasetError.malformed(file: floats, detail: "data type 0xd, only unsigned bytes (0x08) are supported")) {
        try IDXArray(contentsOf: floats)
    }
    let extra = temporaryFile(idx([2], [1, 2, 3]))
    #expect(throws: DatasetError.malformed(file: extra, detail: "more data than the header's [2] extents describe")) {
        try IDXArray(contentsOf: extra)
    }
    let shortHeader = temporaryFile([0, 0, 8, 3, 0, 0])
    #expect(throws: DatasetError.truncated(file: shortHeader, expectedBytes: 12, foundBytes: 2)) {
        try IDXArray(contentsOf: shortHeader)
    }
    // A gzip stream cut in the middle.
    let gz = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try fixture("tiny-images-idx3-ubyte.gz"))))
    let cut = temporaryFile(Array(gz.prefix(gz.count - 12)), name: "cut.gz")
    do {
        _ = try IDXArray(contentsOf: cut)
        Issue.record("a cut gzip file must not read")
    } catch {
        #expect(error.description.hasPrefix("\(cut): "))
    }
}

// MARK: - Fashion-MNIST

@Test func fashionMNISTLoadsAndScalesTheFourFiles() throws {
    let dir = try fixture("fashion-tiny")
    let data = try FashionMNIST(directory: dir)
    #expect(data.trainImages.shape == [5, 784] && data.trainLabels == [0, 1, 2, 3, 4])
    #expect(data.testImages.shape == [2, 784] && data.testLabels == [0, 1])
    #expect(data.trainImages.scalars[1] == Float((7 + 65) % 256) / 255)
    #expect(data.testImages.scalars[0] == Float(26) / 255)
    let limited = try FashionMNIST(directory: dir, trainLimit: 3, testLimit: 1)
    #expect(limited.trainLabels == [0, 1, 2] && limited.testImages.shape == [1, 784])
}

@Test func fashionMNISTMissingOrInconsistentFilesNameThePackage() throws {
    do {
        _ = try FashionMNIST(directory: "/nonexistent/fashion")
        Issue.record("a missing directory must throw")
    } catch {
        #expect(error.description == "/nonexistent/fashion/train-images-idx3-ubyte.gz: no such file; \(FashionMNIST.installHint)")
        #expect(error.description.contains("dataset-fashion-mnist"))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilab-fm-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let image = [UInt8](repeating: 3, count: 784)
    _ = FileManager.default.createFile(atPath: dir + "/train-images-idx3-ubyte", contents: Data(idx([2, 28, 28], image + image)))
    _ = FileManager.default.createFile(atPath: dir + "/train-labels-idx1-ubyte", contents: Data(idx([3], [1, 2, 3])))
    #expect(throws: DatasetError.inconsistent(file: dir + "/train-labels-idx1-ubyte",
                                              detail: "3 labels for 2 images in \(dir)/train-images-idx3-ubyte")) {
        try FashionMNIST.load(directory: dir, prefix: "train", limit: nil)
    }
    _ = FileManager.default.createFile(atPath: dir + "/train-labels-idx1-ubyte", contents: Data(idx([2], [1, 12])))
    #expect(throws: DatasetError.inconsistent(file: dir + "/train-labels-idx1-ubyte", detail: "label 12 at index 1 is outside 0…9")) {
        try FashionMNIST.load(directory: dir, prefix: "train", limit: nil)
    }
}
