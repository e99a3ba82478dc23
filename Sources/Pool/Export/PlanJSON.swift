import Foundation

/// plan.json in its stable form (docs/plan-schema.md): pretty-printed, keys sorted, no wall-clock
/// `timings`, one trailing newline — the same plan always gives the same bytes.
public enum PlanJSON {
    public static func encode(_ plan: Plan) throws -> Data {
        var stable = plan
        stable.timings = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(stable)
        data.append(0x0A)
        return data
    }

    /// Decodes plan.json; a decoding error names `file` and the JSON path of the bad field.
    public static func decode(_ data: Data, file: String) throws -> Plan {
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch let error as DecodingError {
            throw ExportError.input(file, describe(error))
        } catch {
            throw ExportError.input(file, "not valid JSON: \(error.localizedDescription)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return text.isEmpty ? "(top level)" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "field `\(path(context.codingPath + [key]))` is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field `\(path(context.codingPath))`: \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON: \(context.debugDescription)"
                : "field `\(path(context.codingPath))`: \(context.debugDescription)"
        @unknown default:
            return "cannot decode: \(error)"
        }
    }
}
