/// Names in Pool's LP and MPS files.
///
/// CPLEX LP allows only letters, digits and `!"#$%&()/,.;?@_`'{}|~` in names (not first a digit
/// or a period), at most 255 characters; GLPK's writer silently replaces any other name with
/// `x_17` / `r_3`, and its MPS writer calls the objective row `R0000000` whatever a constraint is
/// called. So Pool encodes names itself, the same way for both formats, deterministically and
/// reversibly, keeping the usual model names readable:
///
/// - letters, digits and the allowed punctuation stay (except `(`, `)`, `~`, `#`);
/// - `[` → `(`, `]` → `)`, `-` → `~`, so `x[anna,2025-01-06]` is written `x(anna,2025~01~06)`;
/// - every other byte (space, `(`, `)`, `~`, `#`, `ä`'s two UTF-8 bytes, …) becomes `#XX` (hex);
/// - a first character that would be misread (a digit, `.`, `e`/`E` before a digit or another
///   `e`) and names equal to an LP keyword (`free`, `inf`, `st`, …) get their first byte as `#XX`;
/// - a name still taken (duplicate names, names cut at 255 bytes, the reserved row names `obj`
///   and `R0000000`) gets the suffix `#~2`, `#~3`, …, which decoding drops.
///
/// Reading decodes only files that carry Pool's header line, so other people's files keep
/// their names exactly.
enum ModelFileNames {
    static let maxLength = 255
    /// Rows may not be called like the objective in either format.
    static let objectiveName = "obj"
    static let reservedRowNames: Set<String> = [objectiveName, "R0000000"]

    private static let keptPunctuation = Set("!\"$%&/,.;?@_`'{}|".utf8)
    private static let keywords: Set<String> = [
        "max", "maximize", "maximise", "maximum", "min", "minimize", "minimise", "minimum",
        "st", "s.t.", "st.", "subject", "such", "bound", "bounds", "free", "inf", "infinity",
        "gen", "general", "generals", "int", "integer", "integers", "bin", "binary", "binaries",
        "semi", "semis", "semi-continuous", "sos", "end", "lazy", "user",
    ]
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    // MARK: encoding

    /// Encoded, unique names for a whole list (columns or rows), in order.
    static func encodeAll(_ names: [String], reserved: Set<String> = [], emptyPrefix: String) -> [String] {
        var used = reserved
        used.reserveCapacity(names.count + reserved.count)
        var out: [String] = []
        out.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            let original = name.isEmpty ? "\(emptyPrefix)_\(index + 1)" : name
            var candidate = encode(original)
            var copy = 1
            while used.contains(candidate) {
                copy += 1
                let suffix = "#~\(copy)"
                candidate = encode(original, limit: maxLength - suffix.utf8.count) + suffix
            }
            used.insert(candidate)
            out.append(candidate)
        }
        return out
    }

    /// One name, encoded, cut after the last whole character that fits in `limit` bytes
    /// (uniqueness is `encodeAll`'s job).
    static func encode(_ name: String, limit: Int = maxLength) -> String {
        let bytes = Array(name.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count + 8, limit))
        var k = 0
        for character in name {
            var piece: [UInt8] = []
            for b in character.utf8 {
                switch b {
                case UInt8(ascii: "["): piece.append(UInt8(ascii: "("))
                case UInt8(ascii: "]"): piece.append(UInt8(ascii: ")"))
                case UInt8(ascii: "-"): piece.append(UInt8(ascii: "~"))
                default:
                    let isLetterOrDigit = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                    let misread = k == 0 && (misreadAsFirst(bytes) || keywords.contains(name.lowercased()))
                    if (isLetterOrDigit || keptPunctuation.contains(b)) && !misread {
                        piece.append(b)
                    } else {
                        appendEscape(b, to: &piece)
                    }
                }
                k += 1
            }
            if out.count + piece.count > limit { break }
            out += piece
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Would the name's first byte be read as part of a number?
    private static func misreadAsFirst(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: ".") { return true }
        if first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
            guard bytes.count > 1 else { return true }
            let second = bytes[1]
            return (second >= 0x30 && second <= 0x39) || second == UInt8(ascii: "e") || second == UInt8(ascii: "E")
        }
        return false
    }

    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "#"))
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0x0F)])
    }

    // MARK: decoding

    /// The original name, or nil if `encoded` is not in Pool's encoding.
    static func decode(_ encoded: String) -> String? {
        var bytes = Array(encoded.utf8)
        // drop a uniqueness suffix "#~<digits>"
        if let tilde = bytes.lastIndex(of: UInt8(ascii: "~")), tilde > 0, bytes[tilde - 1] == UInt8(ascii: "#"),
           tilde + 1 < bytes.count, bytes[(tilde + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            bytes.removeSubrange((tilde - 1)...)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            switch b {
            case UInt8(ascii: "("): out.append(UInt8(ascii: "["))
            case UInt8(ascii: ")"): out.append(UInt8(ascii: "]"))
            case UInt8(ascii: "~"): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "#"):
                guard k + 2 < bytes.count, let high = hexValue(bytes[k + 1]), let low = hexValue(bytes[k + 2]) else { return nil }
                out.append(high << 4 | low)
                k += 2
            default: out.append(b)
            }
            k += 1
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        default: return nil
        }
    }
}
