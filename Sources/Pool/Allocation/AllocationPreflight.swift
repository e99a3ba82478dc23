/// Input the model cannot honour, found before solving (PRODUCT §3: "every violation of input
/// consistency … is reported before solving"). Each problem names the file and the entry.
public struct AllocationInputError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String {
        "the scenario cannot be planned:\n  " + problems.prefix(30).joined(separator: "\n  ")
            + (problems.count > 30 ? "\n  … and \(problems.count - 30) more" : "")
    }
}

enum AllocationPreflight {
    static func check(_ ctx: AllocationContext, _ candidates: CandidateSet) throws {
        var problems: [String] = []
        let sc = ctx.scenario
        if sc.shiftTypes.isEmpty { problems.append("scenario.yaml: no shift types") }
        if sc.horizon.days < 1 { problems.append("scenario.yaml: the horizon has no days") }
        let n = sc.rules.weeklyRestDays
        if ctx.isEnabled(.weeklyRest), n > sc.horizon.days {
            problems.append("scenario.yaml rules.weeklyRestDays: \(n) free days cannot fit in a horizon of \(sc.horizon.days) days")
        }
        for (r, row) in sc.demand.enumerated() {
            let at = "demand.csv" + (row.line > 0 ? " line \(row.line)" : " row \(r + 1)")
            if ctx.rowSite[r] == nil { problems.append("\(at): unknown site \(row.site)") }
            if sc.shiftType(named: row.shift) == nil { problems.append("\(at): unknown shift \(row.shift)") }
            else if ctx.rowInstance[r] == nil { problems.append("\(at): date \(row.date.iso) is outside the horizon") }
            if row.count < 0 { problems.append("\(at): negative count \(row.count)") }
        }
        if ctx.isEnabled(.weeklyRest), n > 0, n <= sc.horizon.days {
            for (c, list) in candidates.byClinician.enumerated() where !list.isEmpty
                && WeeklyRest.allowedBlocks(ctx, clinician: c).isEmpty {
                problems.append("history.csv: clinician \(sc.clinicians[c].id) worked into the horizon so that no \(n) consecutive free days remain")
            }
        }
        if ctx.isEnabled(.pins) { problems += pinProblems(ctx, candidates) }
        if !problems.isEmpty { throw AllocationInputError(problems: problems) }
    }

    static func pinProblems(_ ctx: AllocationContext, _ candidates: CandidateSet) -> [String] {
        var problems: [String] = []
        let sc = ctx.scenario
        var pinnedByClinician: [Int: [(pin: Int, cands: [Int])]] = [:]
        var pinsPerSlot: [String: Int] = [:]
        for (p, pin) in sc.pins.enumerated() {
            let at = "pins.csv entry \(p + 1) (\(pin.clinician) \(pin.date.iso) \(pin.shift) \(pin.site))"
            guard let c = ctx.clinicianIndex[pin.clinician] else { problems.append("\(at): unknown clinician"); continue }
            guard ctx.siteIndex[pin.site] != nil else { problems.append("\(at): unknown site"); continue }
            guard sc.shiftType(named: pin.shift) != nil else { problems.append("\(at): unknown shift"); continue }
            guard sc.horizon.contains(pin.date) else { problems.append("\(at): date outside the horizon"); continue }
            let cands = Pins.matching(ctx, candidates, pin)
            if cands.isEmpty { problems.append("\(at): impossible — \(impossiblePinReason(ctx, pin, clinician: c))"); continue }
            pinnedByClinician[c, default: []].append((p, cands))
            pinsPerSlot["\(pin.site)|\(pin.date.iso)|\(pin.shift)", default: 0] += 1
        }
        // More pins at a slot than its demand: the coverage rows could not hold.
        for (key, count) in pinsPerSlot.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|").map(String.init)
            let demand = sc.demand.enumerated().filter { ctx.rowInstance[$0.offset] != nil && $0.element.site == parts[0]
                && $0.element.date.iso == parts[1] && $0.element.shift == parts[2] }.reduce(0) { $0 + max(0, $1.element.count) }
            if count > demand {
                problems.append("pins.csv: \(count) pins at \(parts[0]) \(parts[1]) \(parts[2]) but demand there is \(demand)")
            }
        }
        for c in pinnedByClinician.keys.sorted() {
            let pins = pinnedByClinician[c] ?? []
            let who = sc.clinicians[c].id
            for a in pins.indices {
                for z in (a + 1)..<pins.count {
                    // Two pins conflict when every pair of their possible candidates conflicts.
                    let clash = pins[a].cands.allSatisfy { ka in pins[z].cands.allSatisfy { kz in
                        MinimumRest.conflict(ctx, candidates.all[ka].visit, candidates.all[kz].visit) } }
                    if clash {
                        problems.append("pins.csv entries \(pins[a].pin + 1) and \(pins[z].pin + 1): \(who) cannot do both (overlap or too little rest)")
                    }
                }
            }
            if ctx.isEnabled(.weeklyHours) {
                let least = pins.reduce(0.0) { acc, p in acc + (p.cands.map { WeeklyHours.hours(ctx, candidates.all[$0]) }.min() ?? 0) }
                let most = ctx.regularHours(c) + sc.clinicians[c].maxOvertimeHours
                if least > most + 1e-9 {
                    problems.append("pins.csv: \(who)'s pins need \(fmt(least)) h but at most \(fmt(most)) h are allowed")
                }
            }
            if ctx.isEnabled(.weeklyRest), sc.rules.weeklyRestDays > 0 {
                var busy = Set<Int>()
                for p in pins {
                    // A pin's dates are busy whichever candidate serves it (all share the instance).
                    if let k = p.cands.first, let r = WeeklyRest.touched(ctx, ctx.instances[candidates.all[k].instance]) {
                        busy.formUnion(r)
                    }
                }
                let n = sc.rules.weeklyRestDays
                let blocks = WeeklyRest.allowedBlocks(ctx, clinician: c)
                if !blocks.isEmpty, !blocks.contains(where: { s in (s..<(s + n)).allSatisfy { !busy.contains($0) } }) {
                    problems.append("pins.csv: \(who)'s pins leave no \(n) consecutive free days")
                }
            }
        }
        return problems
    }

    /// Why no candidate matches a pin, in the terms of §3.
    static func impossiblePinReason(_ ctx: AllocationContext, _ pin: Pin, clinician c: Int) -> String {
        let sc = ctx.scenario
        let rows = sc.demand.indices.filter { sc.demand[$0].site == pin.site && sc.demand[$0].date == pin.date
            && sc.demand[$0].shift == pin.shift && sc.demand[$0].count > 0 }
        if rows.isEmpty { return "no demand at that site, date and shift" }
        let clin = sc.clinicians[c]
        let rowsOK = rows.filter { Qualification.professionAllows(ctx, clin, sc.demand[$0]) }
        if rowsOK.isEmpty { return "the clinician's profession \(clin.profession) is not demanded there" }
        let comp = rowsOK.filter { Qualification.hasCompetencies(ctx, clin, sc.demand[$0]) }
        if comp.isEmpty { return "lacks required competencies" }
        let lang = comp.filter { Qualification.speaksLanguage(ctx, clin, sc.demand[$0]) }
        if lang.isEmpty { return "does not speak the required language" }
        if AbsenceRule.isAbsent(ctx, clinician: c, date: pin.date, shift: pin.shift) { return "the clinician is absent" }
        if let mode = pin.mode { return "mode \(mode.rawValue) is not possible there (commute limit, stays or remote rules) or the rest after last week's shifts is too short" }
        return "beyond travel range, or too little rest after last week's shifts"
    }

    static func fmt(_ x: Double) -> String { String(format: "%.2f", x) }
}
