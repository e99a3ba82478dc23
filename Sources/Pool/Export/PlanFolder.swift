import Foundation

/// A plan folder as `poolctl solve` writes it (plan.json, assignments.csv, uncovered.csv,
/// summary.txt). Exports and `poolctl compare` read only plan.json.
public struct PlanFolder: Sendable {
    public let url: URL
    public let plan: Plan

    public static let planFileName = "plan.json"

    /// Reads `folder/plan.json`. Errors name the file and, for bad JSON, the field.
    public init(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw ExportError.input(folder.path, "no such file or folder")
        }
        guard isDirectory.boolValue else {
            throw ExportError.input(folder.path, "expected a plan folder (with plan.json), got a file")
        }
        let file = folder.appendingPathComponent(Self.planFileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.yaml").path) {
                throw ExportError.input(folder.path, "this is a scenario folder, not a plan folder: solve it first, "
                                        + "e.g. `poolctl solve \(folder.path) --out PLAN_DIR`, and pass PLAN_DIR")
            }
            throw ExportError.input(folder.path, "no plan.json here: expected a plan folder written by `poolctl solve`")
        }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw ExportError.input(file.path, "cannot read: \(error.localizedDescription)")
        }
        self.url = folder
        self.plan = try PlanJSON.decode(data, file: file.path)
    }

    /// The plan's directory of sites, clinicians and shift types, which calendar, payroll and
    /// report exports need.
    public func requireDirectory() throws -> PlanDirectory {
        guard let directory = plan.directory else {
            throw ExportError.input(url.appendingPathComponent(Self.planFileName).path,
                                    "field `directory` is missing (plan written by an older poolctl): "
                                    + "solve the scenario again to get a self-contained plan folder")
        }
        return directory
    }
}

public enum ExportError: Error, CustomStringConvertible, Equatable {
    /// A problem with an input file: its path and what is wrong.
    case input(String, String)
    /// The plan refers to something its directory does not have.
    case inconsistentPlan(String)
    case output(String, String)

    public var description: String {
        switch self {
        case .input(let path, let message): return "\(path): \(message)"
        case .inconsistentPlan(let message): return "inconsistent plan: \(message)"
        case .output(let path, let message): return "\(path): cannot write: \(message)"
        }
    }
}
