import Yams

/// Typed, reporting access to a composed YAML tree (Yams keeps each node's line, so a wrong value
/// in scenario.yaml is reported at its line with its key path, e.g. `costs.lodging_eur_per_night`).
struct YAMLReader {
    let file: String
    let log: DiagnosticLog

    func line(_ node: Node?) -> Int { node?.mark?.line ?? 0 }

    func error(_ node: Node?, _ path: String, _ message: String) {
        log.error(file, line(node), path, message)
    }

    /// The mapping's values by key, reporting keys that are not in `allowed` (a misspelt key would
    /// otherwise silently fall back to a default). Nil when the node is not a mapping.
    func mapping(_ node: Node, path: String, allowed: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            error(node, path, "\(path.isEmpty ? "the file" : path) must be a mapping of keys to values, found \(kind(of: node))")
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error(key, path, "a key in \(path.isEmpty ? "the file" : path) is not a plain name")
                continue
            }
            let name = scalar.string
            let keyPath = path.isEmpty ? name : path + "." + name
            if allowed.contains(name) {
                values[name] = value
            } else {
                error(key, keyPath, "unknown key \"\(keyPath)\"" + DidYouMean.hint(for: name, among: allowed))
            }
        }
        return values
    }

    /// The sequence's items; a missing or null node is an empty list.
    func sequence(_ node: Node?, path: String) -> [Node]? {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let items) = node else {
            error(node, path, "\(path) must be a list, found \(kind(of: node))")
            return nil
        }
        return Array(items)
    }

    /// The scalar's text; nil (after an error) when the node is a list or mapping, or null and required.
    func string(_ node: Node?, path: String, required: Bool, parent: Node?) -> String? {
        guard let node, !isNull(node) else {
            if required { error(node ?? parent, path, "\(path) is missing; a value is required") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            error(node, path, "\(path) must be a single value, found \(kind(of: node))")
            return nil
        }
        return trimmed(scalar.string)
    }

    func number(_ node: Node?, path: String, default fallback: Double, in range: ClosedRange<Double>) -> Double {
        value(node, path: path, default: fallback, in: range, kind: "a number", parse: parseDecimal, describe: describe)
    }

    func integer(_ node: Node?, path: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        value(node, path: path, default: fallback, in: range, kind: "a whole number", parse: { Int($0) }, describe: describe)
    }

    private func value<T: Comparable>(_ node: Node?, path: String, default fallback: T, in range: ClosedRange<T>,
                                      kind: String, parse: (String) -> T?,
                                      describe: (ClosedRange<T>) -> String) -> T {
        guard let text = string(node, path: path, required: false, parent: nil) else { return fallback }
        guard let value = parse(text) else {
            error(node, path, "\(path) \"\(text)\" is not \(kind)")
            return fallback
        }
        guard range.contains(value) else {
            error(node, path, "\(path) \(text) is out of range; expected \(describe(range))")
            return fallback
        }
        return value
    }

    func flag(_ node: Node?, path: String, default fallback: Bool) -> Bool {
        guard let text = string(node, path: path, required: false, parent: nil) else { return fallback }
        guard let value = parseFlag(text) else {
            error(node, path, "\(path) \"\(text)\" is not a yes/no value; expected true or false")
            return fallback
        }
        return value
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .scalar(let s): return "the value \"\(s.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension YAMLReader {
    /// A Yams parse failure as one diagnostic with the line it names.
    static func syntaxDiagnostic(_ error: Error, file: String) -> Diagnostic {
        func make(_ line: Int, _ text: String) -> Diagnostic {
            Diagnostic(severity: .error, file: file, line: line, message: "YAML syntax error: " + text)
        }
        guard let yaml = error as? YamlError else { return make(0, "\(error)") }
        switch yaml {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let while_ = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            return make(mark.line, "\(problem) at column \(mark.column)\(while_)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return make(context.mark.line, "the key \(duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")) "
                + "appears more than once in the same mapping")
        case let .reader(problem, _, _, _):
            return make(0, problem)
        default:
            return make(0, yaml.description)
        }
    }
}
