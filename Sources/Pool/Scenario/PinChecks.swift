/// Impossible pins (PRODUCT §3, "impossible pins are reported before solving"): a pinned assignment
/// the plan must keep, but that breaks a hard rule on its own or together with another pin.
struct PinChecks {
    let scenario: Scenario
    let serviceability: Serviceability
    let file: String
    let absencesFile: String

    func errors(_ pins: [(pin: Pin, line: Int)]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func fail(_ line: Int, _ field: String?, _ message: String) {
            out.append(Diagnostic(severity: .error, file: file, line: line, field: field, message: message))
        }
        guard !pins.isEmpty else { return [] }
        let travel = TravelEstimator(scenario: scenario)
        let clinicians = Dictionary(scenario.clinicians.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sites = Dictionary(scenario.sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pinned = Set(pins.map(\.pin.clinician))
        let history = scenario.history.filter { pinned.contains($0.clinician) }
        var checked: [(pin: Pin, line: Int, shift: ShiftType)] = []
        for (pin, line) in pins {
            guard let clinician = clinicians[pin.clinician], let site = sites[pin.site],
                  let shift = scenario.shiftType(named: pin.shift) else { continue }
            if serviceability.isAbsent(clinician.id, pin.date, pin.shift) {
                fail(line, "date", "clinician \"\(clinician.id)\" is absent on \(pin.date) (\(pin.shift)) "
                    + "according to \(absencesFile), so cannot be pinned then")
            }
            if let problem = modeProblem(pin, clinician, site, travel) { fail(line, "mode", problem) }
            if !hasDemand(for: pin, clinician) {
                fail(line, "site", "demand.csv has no row at \(site.id) on \(pin.date) (\(pin.shift)) that "
                    + "clinician \"\(clinician.id)\" (\(clinician.profession)) qualifies for, so the pin cannot be kept")
            }
            for earlier in checked where earlier.pin.clinician == pin.clinician {
                if let clash = clash(earlier.pin.date, earlier.shift, pin.date, shift) {
                    fail(line, "shift", "clinician \"\(pin.clinician)\": \(clash) the pin on line \(earlier.line)")
                }
            }
            for past in history where past.clinician == pin.clinician {
                guard let pastShift = scenario.shiftType(named: past.shift),
                      let clash = clash(past.date, pastShift, pin.date, shift) else { continue }
                fail(line, "shift", "clinician \"\(pin.clinician)\": \(clash) the assignment of \(past.date) "
                    + "(\(past.shift)) in history.csv")
            }
            checked.append((pin, line, shift))
        }
        out += overbookedHours(checked)
        out += overbookedSlots(checked)
        return out
    }

    private func modeProblem(_ pin: Pin, _ c: Clinician, _ site: Site, _ travel: TravelEstimator) -> String? {
        let minutes = travel.leg(from: c, to: site).minutes
        let remote = c.remote && site.remoteOK
        let onsite = minutes <= c.maxCommuteMinutes
        let why = "clinician \"\(c.id)\""
        switch pin.mode {
        case .remote?:
            if !c.remote { return "mode remote, but \(why) does not work remotely (remote is false)" }
            if !site.remoteOK { return "mode remote, but site \"\(site.id)\" cannot receive remote work" }
        case .onsite?:
            if !onsite {
                return "mode onsite, but \(why) would commute \(Int(minutes.rounded())) min one way, "
                    + "more than max_commute_min \(formatNumber(c.maxCommuteMinutes))"
                    + (c.acceptsStays ? " (use mode stay)" : "")
            }
        case .stay?:
            if !c.acceptsStays { return "mode stay, but \(why) does not accept stays (accepts_stays is false)" }
        case nil:
            if !remote && !onsite && !c.acceptsStays {
                return "\(why) can reach site \"\(site.id)\" in no mode: \(Int(minutes.rounded())) min one way is "
                    + "beyond max_commute_min \(formatNumber(c.maxCommuteMinutes)), no stays, no remote work there"
            }
        }
        return nil
    }

    private func hasDemand(for pin: Pin, _ c: Clinician) -> Bool {
        scenario.demand.contains { row in
            row.site == pin.site && row.date == pin.date && row.shift == pin.shift && row.count > 0
                && scenario.rules.mayCover(clinicianProfession: c.profession, demandProfession: row.profession)
                && row.competencies.allSatisfy(c.competencies.contains)
                && (row.language.map(c.languages.contains) ?? true)
                && (pin.mode == nil || (pin.mode == .remote ? row.mode.allowsRemote : row.mode.allowsOnsite))
        }
    }

    /// "overlaps in time with" or "leaves only 6 h rest … next to", or nil when the two fit.
    private func clash(_ dateA: Day, _ shiftA: ShiftType, _ dateB: Day, _ shiftB: ShiftType) -> String? {
        var first = (start: shiftA.start(on: dateA), end: shiftA.end(on: dateA))
        var second = (start: shiftB.start(on: dateB), end: shiftB.end(on: dateB))
        if second.start < first.start { swap(&first, &second) }
        if second.start < first.end { return "overlaps in time with" }
        let restHours = Double(second.start - first.end) / 60
        if restHours < scenario.rules.minRestHours {
            return "leaves only \(formatNumber(restHours)) h rest (rules.min_rest_hours is "
                + "\(formatNumber(scenario.rules.minRestHours))) next to"
        }
        return nil
    }

    private func overbookedHours(_ pins: [(pin: Pin, line: Int, shift: ShiftType)]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for clinician in scenario.clinicians where pins.contains(where: { $0.pin.clinician == clinician.id }) {
            let mine = pins.filter { $0.pin.clinician == clinician.id }
            let hours = mine.reduce(0) { $0 + $1.shift.hours }
            let limit = clinician.weeklyHours + clinician.maxOvertimeHours
            if let last = mine.last, hours > limit {
                out.append(Diagnostic(severity: .error, file: file, line: last.line, field: "clinician",
                                      message: "clinician \"\(clinician.id)\" is pinned for \(formatNumber(hours)) h, more "
                                          + "than weekly_hours + max_overtime_hours = \(formatNumber(limit))"))
            }
        }
        return out
    }

    /// More pins at a site, date and shift than demand.csv asks for there.
    private func overbookedSlots(_ pins: [(pin: Pin, line: Int, shift: ShiftType)]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: [String] = []
        for (index, entry) in pins.enumerated() {
            let pin = entry.pin
            let slot = [pin.site, pin.date.iso, pin.shift].joined(separator: "\u{1}")
            if seen.contains(slot) { continue }
            seen.append(slot)
            let same = pins[index...].filter { $0.pin.site == pin.site && $0.pin.date == pin.date && $0.pin.shift == pin.shift }
            let wanted = scenario.demand.filter { $0.site == pin.site && $0.date == pin.date && $0.shift == pin.shift }
                .reduce(0) { $0 + $1.count }
            if wanted > 0, same.count > wanted, let last = same.last {
                out.append(Diagnostic(severity: .error, file: file, line: last.line, field: "site",
                                      message: "\(same.count) clinicians are pinned at \(pin.site) on \(pin.date) "
                                          + "(\(pin.shift)) but demand.csv asks for \(wanted) there"))
            }
        }
        return out
    }
}
