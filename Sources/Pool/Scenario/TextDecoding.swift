import Foundation

/// Turns a file's bytes into text the way planners' tools save it: UTF-8, with or without the byte
/// order mark Excel writes ("CSV UTF-8"). Anything else is an error that says where the first bad
/// byte is and how to fix it, instead of silently mangling ä, ö and å.
enum TextDecoding {
    enum Failure: Error, Equatable {
        /// `line` and `column` (1-based, in characters) of the first byte that is not UTF-8.
        case invalidUTF8(line: Int, column: Int, byte: UInt8)
        case utf16
    }

    static func decode(_ data: Data) -> Result<String, Failure> {
        var bytes = [UInt8](data)
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return .failure(.utf16)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The fast validating decoder first; the slow scan only to locate a problem.
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        return .failure(firstInvalidByte(bytes) ?? .invalidUTF8(line: 1, column: 1, byte: bytes.first ?? 0))
    }

    /// Walks the bytes with the standard library's UTF-8 parser, counting lines, so the message can
    /// point at the spot (String(validating:) only says yes or no).
    private static func firstInvalidByte(_ bytes: [UInt8]) -> Failure? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1, afterCR = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                let byte = encoded.count == 1 ? encoded.first : nil
                // Lines end at LF, CR LF or a lone CR, as in CSVTable.
                if byte == UInt8(ascii: "\n") {
                    if !afterCR { line += 1 }
                    column = 1
                } else if byte == UInt8(ascii: "\r") {
                    line += 1; column = 1
                } else {
                    column += 1
                }
                afterCR = byte == UInt8(ascii: "\r")
            case .error:
                return .invalidUTF8(line: line, column: column, byte: offset < bytes.count ? bytes[offset] : 0)
            case .emptyInput:
                return nil
            }
        }
    }

    static func message(for failure: Failure) -> (line: Int, text: String) {
        switch failure {
        case .utf16:
            return (0, "the file is UTF-16; save it as UTF-8 (in Excel: \"CSV UTF-8\")")
        case let .invalidUTF8(line, column, byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return (line, "not valid UTF-8 (byte 0x\(hex.count < 2 ? "0" + hex : hex) at column \(column)); "
                + "save the file as UTF-8 (in Excel: \"CSV UTF-8\"), not as Latin-1 or \"CSV (Comma delimited)\"")
        }
    }
}
