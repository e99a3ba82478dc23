/// A small seedable generator (SplitMix64, Steele, Lea & Flood 2014): Swift's
/// SystemRandomNumberGenerator cannot be seeded, and generated scenarios must be identical for the
/// same seed on every run and machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// Uniform in `range` without modulo bias worth noting (2^64 ≫ any range here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index drawn with probability proportional to `weights` (all ≥ 0, not all 0).
    mutating func index(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return max(0, weights.lastIndex { $0 > 0 } ?? weights.count - 1)
    }

    /// Rounds up with probability equal to the fraction, so that many small expected counts add up
    /// to their total on average instead of all rounding to zero.
    mutating func stochasticRound(_ x: Double) -> Int {
        let whole = x.rounded(.down)
        return Int(whole) + (chance(x - whole) ? 1 : 0)
    }

    /// A derived generator, so that adding draws in one part of the generator does not shift all others.
    mutating func fork(_ salt: UInt64) -> SplitMix64 { SplitMix64(seed: next() ^ (salt &* 0x2545_F491_4F6C_DD1D)) }
}
