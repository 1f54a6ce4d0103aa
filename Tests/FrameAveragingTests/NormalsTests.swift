import Autodiff
import Datasets
import Session
import Testing
import Tensors
@testable import FrameAveraging

@Test func SurfaceNormalsAreUnitAndAnalytic() {
    var rng = RandomSource(seed: 1)
    for kind in SurfaceNormalsShapes.Kind.allCases {
        let c = SurfaceNormalsShapes.sample(kind, count: 64, using: &rng)
        for i in 0..<64 {
            let n = c.normals[(i * 3)..<(i * 3 + 3)]
            #expect(abs(n.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        }
    }
    // Sphere: the normal is the radial direction.
    let s = SurfaceNormalsShapes.sample(.sphere, count: 16, using: &rng)
    let r = (s.points[0] * s.points[0] + s.points[1] * s.points[1] + s.points[2] * s.points[2]).squareRoot()
    #expect(abs(s.points[0] / r - s.normals[0]) < 1e-12)
}

@Test func FAPointNetIsRotationEquivariantAndItsErrorIsTheSameForUprightAndRotatedTraining() {
    var rng = RandomSource(seed: 2)
    let model = NormalsPointNet(frameAveraged: true, rng: &rng)
    let set = NormalsSet.generate(count: 4, points: 32, rotated: false, seed: 3)
    let r = randomRotation(proper: false, using: &rng)
    let moved = (0..<4).flatMap { c in
        FrameAverage.transform(Array(set.points[(c * 96)..<((c + 1) * 96)]), rotation: r, translation: [0.3, -1, 2])
    }
    let y = model.predict(points: set.points, clouds: 4, pointsPerCloud: 32).value.scalars.map { Double($0) }
    let y2 = model.predict(points: moved, clouds: 4, pointsPerCloud: 32).value.scalars.map { Double($0) }
    let expected = FrameAverage.transform(y, rotation: r, translation: nil)
    let err = zip(expected, y2).map { abs($0 - $1) }.max() ?? 1
    #expect(err < 1e-4, "FA-PointNet vector equivariance error \(err)")

    func spec() -> SessionSpec {
        func s(_ v: String) -> SpecNode { .scalar(v, line: 0) }
        func m(_ e: [(String, SpecNode)]) -> SpecNode { .mapping(e.map { (key: $0.0, value: $0.1, line: 0) }, line: 0) }
        return SessionSpec(file: "t.yaml", name: "n", kind: NormalsExperiment.kind, seed: 1, summary: "", root: m([
            ("data", m([("train", s("40")), ("test", s("20")), ("points", s("48"))])),
            ("training", m([("steps", s("60")), ("batch", s("8")), ("lr", s("0.003"))])),
        ]))
    }
    guard let e = try? NormalsExperiment(spec: spec()) else { Issue.record("cannot build the normals experiment"); return }
    for _ in 0..<60 { _ = try? e.step() }
    let m = (try? e.evaluate()) ?? [:]
    let faUp = m["test-rotated/FA-PointNet I/SO3"] ?? .nan, faRot = m["test-rotated/FA-PointNet SO3/SO3"] ?? .nan
    let pnUp = m["test-rotated/PointNet I/SO3"] ?? .nan, pnUpUp = m["test-upright/PointNet I/SO3"] ?? .nan
    #expect(abs(faUp - faRot) < 1e-3 * max(faRot, 1e-3), "FA errors \(faUp) vs \(faRot)")
    #expect(pnUp > pnUpUp, "PointNet trained upright: rotated \(pnUp) vs upright \(pnUpUp)")
    let saved = try? e.saveState()
    #expect(saved?.floatTensors.isEmpty == false)
}
