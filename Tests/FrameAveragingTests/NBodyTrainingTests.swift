import Datasets
import Testing
import Tensors
@testable import FrameAveraging

/// A small seed-43 data set (first 400 train trajectories integrated, validation/test shortened).
func smallNBodyData() -> NBodyDataset {
    var c = NBodyDataset.Configuration()
    c.trainCount = 400
    c.streamTrainCount = 400
    c.validationCount = 100
    c.testCount = 100
    return NBodyDataset.generate(c)
}

@Test func FAGNNTrainingBeatsTheLinearBaselineAndIsDeterministic() {
    let data = smallNBodyData()
    func train(steps: Int) -> (losses: [Double], test: Double) {
        var rng = RandomSource(seed: 0)
        let trainer = NBodyTrainer(model: FAGNN(rng: &rng), train: data.train, learningRate: 1e-3, batchSize: 50, seed: 1)
        let losses = (0..<steps).map { _ in trainer.step() }
        return (losses, trainer.evaluate(data.test))
    }
    let run = train(steps: 120)
    let linear = data.test.baselineStatistics.linear
    #expect(run.losses.allSatisfy { $0.isFinite })
    #expect(run.test < linear, "FA-GNN test MSE \(run.test) vs x + τv \(linear)")
    let again = train(steps: 3)
    #expect(Array(run.losses.prefix(3)) == again.losses)
}

@Test func LinearBaselineLearnsTheLeastSquaresDrift() {
    let data = smallNBodyData()
    let model = LinearDrift()
    let trainer = NBodyTrainer(model: model, train: data.train, learningRate: 0.01, batchSize: 100, seed: 2)
    for _ in 0..<200 { trainer.step() }
    let tau = Double(model.tau.value.scalars[0])
    #expect(abs(tau - data.train.baselineStatistics.tau) < 0.03, "τ = \(tau)")
}
