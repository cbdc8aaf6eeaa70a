/// LU decomposition with partial pivoting of a dense square matrix (row-major `Double`).
///
/// Gaussian elimination: at step k the row with the largest |a[i][k]| (i ≥ k; the first such row
/// on ties) becomes the pivot. The operations run in a fixed order, so the same input gives the
/// same bits on every run. Used by the Markov model to solve absorbing-chain systems exactly
/// (up to floating-point rounding), never by simulation.
struct DenseLU {
    let n: Int
    /// L (unit diagonal, below) and U (on and above the diagonal), row-major.
    private var lu: [Double]
    /// Row i of the factorised matrix is row `perm[i]` of the input.
    private var perm: [Int]
    /// Whether a pivot was exactly zero (the matrix is singular); solutions are then meaningless.
    private(set) var isSingular = false

    /// Factorises the `n × n` matrix `matrix` (row-major, `matrix.count == n * n`).
    init(_ matrix: [Double], n: Int) {
        self.n = n
        lu = matrix
        perm = Array(0..<n)
        lu.withUnsafeMutableBufferPointer { a in
            for k in 0..<n {
                var p = k
                var best = abs(a[k * n + k])
                for i in (k + 1)..<max(n, k + 1) where abs(a[i * n + k]) > best {
                    best = abs(a[i * n + k])
                    p = i
                }
                if best == 0 || !best.isFinite {
                    isSingular = true
                    continue
                }
                if p != k {
                    for j in 0..<n { a.swapAt(k * n + j, p * n + j) }
                    perm.swapAt(k, p)
                }
                let pivot = a[k * n + k]
                for i in (k + 1)..<max(n, k + 1) {
                    let f = a[i * n + k] / pivot
                    a[i * n + k] = f
                    if f == 0 { continue }
                    for j in (k + 1)..<n { a[i * n + j] -= f * a[k * n + j] }
                }
            }
        }
    }

    /// Solves A x = b.
    func solve(_ b: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: n)
        lu.withUnsafeBufferPointer { a in
            for i in 0..<n {
                var s = b[perm[i]]
                for k in 0..<i { s -= a[i * n + k] * x[k] }
                x[i] = s
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = x[i]
                for k in (i + 1)..<max(n, i + 1) { s -= a[i * n + k] * x[k] }
                x[i] = s / a[i * n + i]
            }
        }
        return x
    }

    /// A⁻¹, row-major, computed by applying the factorisation to the permuted identity row by row.
    func inverse() -> [Double] {
        var x = [Double](repeating: 0, count: n * n)
        for i in 0..<n { x[i * n + perm[i]] = 1 }
        lu.withUnsafeBufferPointer { a in
            x.withUnsafeMutableBufferPointer { x in
                // Forward: L y = P e.
                for i in 0..<n {
                    for k in 0..<i {
                        let f = a[i * n + k]
                        if f == 0 { continue }
                        for j in 0..<n { x[i * n + j] -= f * x[k * n + j] }
                    }
                }
                // Backward: U x = y.
                for i in stride(from: n - 1, through: 0, by: -1) {
                    for k in (i + 1)..<max(n, i + 1) {
                        let f = a[i * n + k]
                        if f == 0 { continue }
                        for j in 0..<n { x[i * n + j] -= f * x[k * n + j] }
                    }
                    let d = a[i * n + i]
                    for j in 0..<n { x[i * n + j] /= d }
                }
            }
        }
        return x
    }
}
