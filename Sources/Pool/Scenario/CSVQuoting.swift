/// Finds quoting mistakes that CSV.swift silently tolerates: a quoted field that is never closed
/// (which would swallow the rest of the file), text after a closing quote, and a quote in the middle
/// of an unquoted field. CSV.swift has no error reporting for these, so this small scanner walks the
/// same RFC 4180 grammar only to produce messages with line numbers; the fields themselves still
/// come from CSV.swift.
enum CSVQuoting {
    struct Problem: Equatable {
        let line: Int
        let message: String
    }

    static func problems(in text: String, delimiter: Unicode.Scalar = ",") -> [Problem] {
        enum State { case fieldStart, unquoted, quoted, afterQuoteInQuoted }
        var problems: [Problem] = []
        var state = State.fieldStart
        var line = 1, quoteLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        // Consumes a line break starting with `c`, counting CR LF as one.
        func consumeBreak(_ c: Unicode.Scalar) {
            line += 1
            if c == "\r" {
                let following = next()
                if following != "\n" { pending = following }
            }
        }

        while let c = next() {
            switch state {
            case .fieldStart, .unquoted:
                if c == "\"" && state == .fieldStart {
                    state = .quoted; quoteLine = line
                } else if c == "\"" {
                    problems.append(Problem(line: line, message: "a quote (\") inside an unquoted field; "
                        + "quote the whole field and double the inner quotes (\"\")"))
                } else if c == delimiter {
                    state = .fieldStart
                } else if c == "\n" || c == "\r" {
                    consumeBreak(c); state = .fieldStart
                } else {
                    state = .unquoted
                }
            case .quoted:
                if c == "\"" { state = .afterQuoteInQuoted } else if c == "\n" || c == "\r" { consumeBreak(c) }
            case .afterQuoteInQuoted:
                if c == "\"" {
                    state = .quoted  // an escaped quote
                } else if c == delimiter {
                    state = .fieldStart
                } else if c == "\n" || c == "\r" {
                    consumeBreak(c); state = .fieldStart
                } else if quoteLine < line {
                    // A quoted field spanning lines and then running into text is almost always a
                    // missing closing quote on its first line; everything after it is misaligned,
                    // so further reports would only be noise.
                    problems.append(Problem(line: quoteLine, message: "a quoted field starting on this line runs "
                        + "on to line \(line); is its closing quote missing?"))
                    return problems
                } else {
                    problems.append(Problem(line: line, message: "text after the closing quote of a field; "
                        + "a field is either wholly quoted or not at all"))
                    state = .unquoted
                }
            }
        }
        if state == .quoted {
            problems.append(Problem(line: quoteLine, message: "a quoted field starting on this line is never closed"))
        }
        return problems
    }
}
