/// Suggestions for misspelt ids and keys: the closest known name by edit distance (insertions,
/// deletions, substitutions and swaps of neighbours), when it is close enough to be a plausible typo:
/// one edit for names of up to three letters, else two, or a third of the name up to three.
enum DidYouMean {
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let limit = word.count <= 3 ? 1 : min(3, max(2, word.count / 3))
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != word {
            // Lengths differing by more than the limit cannot be within it.
            if abs(candidate.count - word.count) > limit { continue }
            let d = levenshtein(word.lowercased(), candidate.lowercased())
            guard d <= limit else { continue }
            // Ties go to the alphabetically first name so that the message never depends on input order.
            if let current = best, (d, candidate) >= (current.distance, current.name) { continue }
            best = (d, candidate)
        }
        return best?.name
    }

    /// ` (did you mean "X"?)` or the empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// Optimal string alignment distance (Levenshtein plus transposition of adjacent letters).
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
