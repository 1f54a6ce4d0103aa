import Tensors

/// The eight 3D tetris shapes of four unit cubes (Gaunt spec §8d-1; Thomas et al. 2018's task).
///
/// Labels 0 and 1 are the chiral pair (mirror images of each other); labels 2–7 are achiral.
public enum TetrisShapes {
    /// Class names in label order.
    public static let names = ["chiral-a", "chiral-b", "square", "line", "corner", "L", "T", "zigzag"]

    /// Cube centres per class, before centring.
    public static let cells: [[[Double]]] = [
        [[0, 0, 0], [0, 0, 1], [1, 0, 0], [1, 1, 0]],
        [[0, 0, 0], [0, 0, 1], [1, 0, 0], [1, -1, 0]],
        [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]],
        [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 0, 3]],
        [[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]],
        [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 0]],
        [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 1]],
        [[0, 0, 0], [1, 0, 0], [1, 1, 0], [2, 1, 0]],
    ]

    /// The labels of the chiral pair.
    public static let chiralLabels: Set<Int> = [0, 1]

    /// The shape of `label` with its centroid at the origin.
    public static func centred(_ label: Int) -> [[Double]] {
        let p = cells[label]
        let c = (0..<3).map { k in p.map { $0[k] }.reduce(0, +) / Double(p.count) }
        return p.map { q in (0..<3).map { q[$0] - c[$0] } }
    }
}
