import Foundation
import Testing
import Tensors
@testable import NN

// MARK: - Round trip

@Test func safetensorsRoundTripKeepsEveryBitAndTheMetadata() throws {
    var rng = RandomSource(seed: 7)
    let floats: [String: Tensor<Float>] = [
        "a.weight": .randomNormal([3, 5], using: &rng),
        "a.bias": Tensor(shape: [5], scalars: [0, -0.0, .infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]),
        "scalar": Tensor(3.25),
        "empty": Tensor(zeros: [0, 4]),
    ]
    let doubles: [String: Tensor<Double>] = ["stats": .randomNormal([2, 2, 2], using: &rng)]
    let bytes = Safetensors.encode(floats: floats, doubles: doubles, metadata: ["step": "12", "quote": "a\"b\\c"])
    let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    #expect(headerLength % 8 == 0)
    let archive = try Safetensors.decode(bytes, file: "mem")
    #expect(archive.metadata == ["step": "12", "quote": "a\"b\\c"])
    #expect(archive.floatTensors == floats)
    #expect(archive.doubleTensors == doubles)
    let nan = try Safetensors.decode(Safetensors.encode(floats: ["n": Tensor(.nan)]), file: "mem").floatTensor("n")
    #expect(nan.scalar.isNaN)
}

@Test func safetensorsWriteAndReadAFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("equilab-st-\(UUID()).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let t = Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4])
    try Safetensors.write(floats: ["w": t], to: path)
    #expect(try Safetensors.read(path).floatTensor("w") == t)
}

// MARK: - Python fixture

@Test func safetensorsReadsAFileWrittenByPythonSafetensors() throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/python", withExtension: "safetensors"))
    let a = try Safetensors.read(url.path)
    #expect(a.metadata == ["format": "np", "note": "equilab fixture"])
    #expect(try a.floatTensor("layer.weight") == Tensor(shape: [2, 3], scalars: [1.5, -2.25, 3.0, 0.1, 1e-8, -7.0]))
    #expect(try a.doubleTensor("stats.mean") == Tensor(shape: [4], scalars: [Double.pi, M_E, -1.0 / 3.0, 1e300]))
    #expect(try a.floatTensor("half") == Tensor(shape: [3], scalars: [0.5, -1.25, 65504]))
    #expect(try a.doubleTensor("steps") == Tensor(shape: [2], scalars: [7, -3]))
    #expect(try a.floatTensor("scalar") == Tensor(2.5))
    #expect(a.entries["half"]?.dtype == "F16" && a.entries["steps"]?.dtype == "I64")
}

// MARK: - Bad files

@Test func safetensorsTruncatedOrCorruptFilesNameTheFile() throws {
    let good = Safetensors.encode(floats: ["w": Tensor(shape: [4], scalars: [1, 2, 3, 4])])
    let cut = Array(good.dropLast(3))
    #expect(throws: CheckpointError.truncated(file: "ck.safetensors", detail: "tensor 'w' ends at byte 16 of a 13-byte data block")) {
        try Safetensors.decode(cut, file: "ck.safetensors")
    }
    #expect(throws: CheckpointError.truncated(file: "ck.safetensors", detail: "5 bytes, the length prefix needs 8")) {
        try Safetensors.decode(Array(good.prefix(5)), file: "ck.safetensors")
    }
    var garbled = good
    garbled[9] = 0x7B  // a second "{" breaks the JSON
    garbled[10] = 0x7B
    #expect(throws: CheckpointError.corrupt(file: "ck.safetensors", detail: "header is not valid JSON")) {
        try Safetensors.decode(garbled, file: "ck.safetensors")
    }
    let huge = [UInt8](repeating: 0xFF, count: 8) + good.dropFirst(8)
    do {
        _ = try Safetensors.decode(huge, file: "ck.safetensors")
        Issue.record("a header length beyond the file must throw")
    } catch {
        #expect(error.description.hasPrefix("ck.safetensors: truncated checkpoint"))
    }
    #expect(throws: CheckpointError.missing(file: "/nonexistent/x.safetensors")) {
        try Safetensors.read("/nonexistent/x.safetensors")
    }
}
