/// A plan with its directory indexed by id, for the exports. Lookups of ids the directory does
/// not know throw (a hand-edited or mismatched plan.json), they never crash.
public struct PlanIndex: Sendable {
    public let plan: Plan
    public let directory: PlanDirectory
    private let sitesByID: [String: Site]
    private let cliniciansByID: [String: Clinician]
    private let shiftsByName: [String: ShiftType]

    public init(plan: Plan, directory: PlanDirectory) {
        self.plan = plan
        self.directory = directory
        // Later duplicates lose; ids are unique in a validated scenario.
        sitesByID = Dictionary(directory.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        cliniciansByID = Dictionary(directory.clinicians.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        shiftsByName = Dictionary(directory.shiftTypes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func site(_ id: String) throws -> Site {
        guard let site = sitesByID[id] else { throw ExportError.inconsistentPlan("site `\(id)` is not in the plan's directory") }
        return site
    }

    public func clinician(_ id: String) throws -> Clinician {
        guard let clinician = cliniciansByID[id] else {
            throw ExportError.inconsistentPlan("clinician `\(id)` is not in the plan's directory")
        }
        return clinician
    }

    public func shift(_ name: String) throws -> ShiftType {
        guard let shift = shiftsByName[name] else {
            throw ExportError.inconsistentPlan("shift type `\(name)` is not in the plan's directory")
        }
        return shift
    }

    /// Site name, or the id when the directory lacks it (for labels that must not fail).
    public func siteName(_ id: String) -> String { sitesByID[id]?.name ?? id }
    public func clinicianName(_ id: String) -> String { cliniciansByID[id]?.name ?? id }

    /// Each clinician's assignments in time order (shift start, then site), clinicians by id.
    public func assignmentsByClinician() throws -> [(clinician: String, assignments: [Assignment])] {
        var groups: [String: [(start: Int, assignment: Assignment)]] = [:]
        for a in plan.assignments {
            groups[a.clinician, default: []].append((try shift(a.shift).start(on: a.date), a))
        }
        return groups.keys.sorted().map { id in
            let sorted = (groups[id] ?? []).sorted {
                ($0.start, $0.assignment.site, $0.assignment.shift) < ($1.start, $1.assignment.site, $1.assignment.shift)
            }
            return (id, sorted.map(\.assignment))
        }
    }
}

extension Array where Element == Assignment {
    /// Whether `a` is a stay that continues at the same site the next day, so the clinician
    /// lodges there the night after `a` (the convention of `Assignment.costEUR`). `self` holds
    /// the same clinician's assignments.
    func hasLodgingNight(after a: Assignment) -> Bool {
        a.mode == .stay && contains { $0.mode == .stay && $0.site == a.site && $0.date == a.date.adding(days: 1) }
    }
}
