/// PRODUCT §5 sensitivity: what one more clinician of each profession and base would save this
/// week, and which competencies or languages bind.
///
/// Method (stated in the output): the LP relaxation's coverage-row duals π(r) price one more
/// clinician-shift of each demand row (without the LP relaxation, those of price-and-branch's
/// master LP). For each (profession, base municipality) a hypothetical
/// clinician — the profession's typical contract and skills, living at the base — gets the best
/// week under every hard rule, valued at Σ π(r) of what they cover minus their own travel, stay and
/// overtime costs: a one-clinician MIP solved exactly ("LP-dual pricing"). Optionally the top few
/// are re-solved exactly: the whole model with that clinician added.
enum SensitivityAnalysis {
    struct Settings {
        var solver: any LinearSolver
        var exactTop: Int
        var timeLimitPerPricing: Double
        var exactTimeLimit: Double
        var shouldStop: @Sendable () -> Bool
        /// Seconds the pricing may take in all (the time limit's share kept back for it); pairs
        /// not reached by then are left out, and the explanation says how many.
        var secondsAvailable: Double? = nil
    }

    /// Seconds the pricing is predicted to take: each pair's week is built over every demand row
    /// (region week: 266 pairs × 1 192 rows in 1.11 s, 3.5 µs per pair and row; twice the region
    /// 2.7 µs), at most a tenth of `timeLimit` (the time left once the model is built) — on
    /// larger weeks the rest is left out and said so.
    static func predictedSeconds(_ sc: Scenario, timeLimit: Double?) -> Double {
        let seconds = Double(pairCount(sc)) * Double(sc.demand.count) * 4e-6
        return timeLimit.map { min(seconds, $0 / 10) } ?? seconds
    }

    /// The (profession, base) pairs the pricing goes through.
    static func pairCount(_ sc: Scenario) -> Int {
        professions(sc).reduce(0) { $0 + bases(sc, profession: $1).count }
    }

    /// Where the coverage duals come from.
    enum DualSource {
        /// The LP relaxation of the whole model.
        case lpRelaxation
        /// Price-and-branch's master LP over the weeks found (Dantzig–Wolfe), when the LP
        /// relaxation was not solved: its duals price the same rows, from a tighter relaxation.
        case masterLP

        var phrase: String {
            switch self {
            case .lpRelaxation: return "the LP relaxation's coverage duals"
            case .masterLP: return "the coverage duals of price-and-branch's master LP (the LP relaxation was not solved)"
            }
        }
    }

    static func compute(_ model: AllocationModel, duals: [Double], source: DualSource = .lpRelaxation, chosen: [Int],
                        baseObjective: Double?, baseOptimal: Bool, settings: Settings) -> Sensitivity {
        let ctx = model.context, sc = ctx.scenario
        let pi = model.coverageDuals(duals).map { max(0, $0) }
        var entries: [SensitivityEntry] = []
        let clock = BlockClock()
        var pairs = 0, reached = 0
        func outOfTime() -> Bool { settings.secondsAvailable.map { clock.elapsed >= $0 } ?? false }
        for profession in professions(sc) {
            for base in bases(sc, profession: profession) {
                pairs += 1
                if settings.shouldStop() || outOfTime() { continue }
                reached += 1
                guard let extra = hypothetical(sc, profession: profession, base: base) else { continue }
                if let e = price(ctx, extra, pi: pi, settings: settings) {
                    entries.append(SensitivityEntry(profession: profession, base: base, savingEUR: roundCents(e.saving),
                                                    method: .lpDualPricing, hoursWorked: roundMilli(e.hours),
                                                    regularSalaryEUR: roundCents(extra.weeklyHours * Double(sc.horizon.days) / 7 * extra.hourlyCostEUR)))
                }
            }
        }
        entries.sort { ($0.savingEUR, $1.profession, $1.base) > ($1.savingEUR, $0.profession, $0.base) }
        var exactDone = 0
        if settings.exactTop > 0, baseOptimal, let baseObjective {
            for n in entries.indices.prefix(settings.exactTop) where !settings.shouldStop() && reached == pairs {
                guard let extra = hypothetical(sc, profession: entries[n].profession, base: entries[n].base),
                      let value = exactSaving(model, extra, chosen: chosen, baseObjective: baseObjective, settings: settings) else { continue }
                entries[n].savingEUR = roundCents(value.saving); entries[n].hoursWorked = roundMilli(value.hours)
                entries[n].method = .exactResolve; exactDone += 1
            }
        }
        let explanation = "Savings of one more clinician (typical contract and skills of the profession, living in the base municipality), "
            + "before their own salary: LP-dual pricing — the best week under all hard rules valued at \(source.phrase) "
            + "minus the clinician's own travel, stay and overtime costs (an estimate)"
            + (exactDone > 0 ? "; the top \(exactDone) re-solved exactly with the clinician added (method exact_resolve)." : ".")
            + (reached < pairs && !settings.shouldStop()
                ? " Cut short by the time limit: \(reached) of \(pairs) (profession, base) pairs priced, the others not computed." : "")
        return Sensitivity(method: exactDone > 0 ? .exactResolve : .lpDualPricing, explanation: explanation, entries: entries,
                           bindingRequirements: binding(model, chosen: chosen, pi: pi))
    }

    static func professions(_ sc: Scenario) -> [String] {
        Array(Set(sc.demand.map(\.profession) + sc.clinicians.map(\.profession))).sorted()
    }

    /// Municipalities with demand the profession may cover, and where its clinicians live.
    static func bases(_ sc: Scenario, profession: String) -> [String] {
        var out = Set<String>()
        for row in sc.demand where row.count > 0 && sc.rules.mayCover(clinicianProfession: profession, demandProfession: row.profession) {
            if let site = sc.site(id: row.site) { out.insert(site.municipality) }
        }
        for c in sc.clinicians where c.profession == profession { if let m = c.homeMunicipality { out.insert(m) } }
        return out.sorted()
    }

    /// The profession's typical clinician (medians; skills and flags most of them have) at the base:
    /// home at the mean of the base's sites, else of its clinicians' homes.
    static func hypothetical(_ sc: Scenario, profession: String, base: String) -> Clinician? {
        let peers = sc.clinicians.filter { $0.profession == profession }
        let places = sc.sites.filter { $0.municipality == base }.map(\.location)
            + (sc.sites.contains { $0.municipality == base } ? [] : sc.clinicians.filter { $0.homeMunicipality == base }.map(\.home))
        guard !places.isEmpty else { return nil }
        let home = Coordinate(lat: places.map(\.lat).reduce(0, +) / Double(places.count),
                              lon: places.map(\.lon).reduce(0, +) / Double(places.count))
        func median(_ f: (Clinician) -> Double, _ fallback: Double) -> Double {
            let v = peers.map(f).sorted()
            return v.isEmpty ? fallback : v[(v.count - 1) / 2]
        }
        func most(_ f: (Clinician) -> Bool) -> Bool { peers.filter(f).count * 2 > peers.count }
        func common(_ f: (Clinician) -> [String]) -> [String] {
            let all = Set(peers.flatMap(f))
            return all.filter { tag in peers.filter { f($0).contains(tag) }.count * 2 >= peers.count }.sorted()
        }
        let defaults = Clinician(id: "", name: "", profession: profession, home: home)
        let languages = common(\.languages)
        return Clinician(id: "extra_\(profession)_\(base)", name: "one more \(profession) in \(base)", profession: profession,
                         competencies: common(\.competencies), languages: languages.isEmpty ? defaults.languages : languages,
                         home: home, homeMunicipality: base,
                         weeklyHours: median(\.weeklyHours, defaults.weeklyHours),
                         maxOvertimeHours: median(\.maxOvertimeHours, defaults.maxOvertimeHours),
                         hourlyCostEUR: median(\.hourlyCostEUR, defaults.hourlyCostEUR),
                         overtimePremium: median(\.overtimePremium, defaults.overtimePremium),
                         remote: peers.isEmpty ? defaults.remote : most(\.remote),
                         maxCommuteMinutes: median(\.maxCommuteMinutes, defaults.maxCommuteMinutes),
                         acceptsStays: peers.isEmpty ? defaults.acceptsStays : most(\.acceptsStays))
    }

    /// The hypothetical clinician's best week against the duals: (saving, hours worked).
    static func price(_ ctx: AllocationContext, _ extra: Clinician, pi: [Double],
                      settings: Settings) -> (saving: Double, hours: Double)? {
        let sc = ctx.scenario
        let kept = sc.demand.indices.filter { pi[$0] > 0.005 && sc.demand[$0].count > 0 }
        guard !kept.isEmpty else { return (0, 0) }
        var pricing = Scenario(name: sc.name, horizon: sc.horizon, shiftTypes: sc.shiftTypes, rules: sc.rules, costs: sc.costs,
                               travel: sc.travel, sites: sc.sites, clinicians: [extra],
                               demand: kept.map { var row = sc.demand[$0]; row.count = 1; return row },
                               distances: sc.distances)
        pricing.inputHash = sc.inputHash
        var options = AllocationOptions()
        options.uncoveredUnitCostOverride = kept.map { pi[$0] }
        options.withoutEquity = true
        let pctx = AllocationContext(scenario: pricing, options: options)
        guard let m = try? AllocationModel.build(pctx) else { return nil }
        if m.candidates.all.isEmpty { return (0, 0) }
        let warm = Greedy.plan(pctx, m.candidates).map { m.point(chosen: $0) }
        let result = try? settings.solver.solve(m.model, options: SolveOptions(
            timeLimitSeconds: settings.timeLimitPerPricing, relativeGap: 1e-6, verbosity: .quiet, warmStart: warm))
        guard let result, result.hasSolution else { return nil }
        let chosen = m.chosen(result.values)
        let objective = m.model.objectiveValue(m.point(chosen: chosen))
        let baseline = kept.reduce(0.0) { $0 + pi[$1] }
        return (max(0, baseline - objective), chosen.reduce(0.0) { $0 + m.candidates.all[$1].hours })
    }

    /// Exact: the whole scenario re-solved with the clinician added, warm-started from the plan.
    static func exactSaving(_ model: AllocationModel, _ extra: Clinician, chosen: [Int], baseObjective: Double,
                            settings: Settings) -> (saving: Double, hours: Double)? {
        let ctx = model.context
        var sc = ctx.scenario
        sc.clinicians.append(extra)
        let ectx = AllocationContext(scenario: sc, options: ctx.options)
        guard let m = try? AllocationModel.build(ectx) else { return nil }
        var index: [String: Int] = [:]
        for (k, cand) in m.candidates.all.enumerated() {
            index["\(sc.clinicians[cand.clinician].id)|\(cand.row)|\(cand.mode.rawValue)"] = k
        }
        let keys = chosen.map { k in
            let cand = model.candidates.all[k]
            return "\(sc.clinicians[cand.clinician].id)|\(cand.row)|\(cand.mode.rawValue)"
        }
        let warm = m.point(chosen: keys.compactMap { index[$0] })
        guard let result = try? settings.solver.solve(m.model, options: SolveOptions(
            timeLimitSeconds: settings.exactTimeLimit, relativeGap: 1e-4, verbosity: .quiet, warmStart: warm)),
              result.status == .optimal else { return nil }
        let picked = m.chosen(result.values)
        let objective = m.model.objectiveValue(m.point(chosen: picked))
        let extraIndex = sc.clinicians.count - 1
        let hours = picked.filter { m.candidates.all[$0].clinician == extraIndex }.reduce(0.0) { $0 + m.candidates.all[$1].hours }
        return (max(0, baseObjective - objective), hours)
    }

    /// Competencies and languages on uncovered rows that exclude some clinician of a profession
    /// allowed to cover the row, with the uncovered hours and their LP-dual value.
    static func binding(_ model: AllocationModel, chosen: [Int], pi: [Double]) -> [BindingRequirement] {
        let ctx = model.context, sc = ctx.scenario
        var covered = Array(repeating: 0, count: sc.demand.count)
        for k in chosen { covered[model.candidates.all[k].row] += 1 }
        var tally: [String: BindingRequirement] = [:]
        for (r, row) in sc.demand.enumerated() where row.count > covered[r] {
            guard let i = ctx.rowInstance[r] else { continue }
            let missing = Double(row.count - covered[r])
            let allowed = sc.clinicians.filter { sc.rules.mayCover(clinicianProfession: $0.profession, demandProfession: row.profession) }
            var requirements = row.competencies.map { ("competency", $0) }
            if let lang = row.language, !lang.isEmpty { requirements.append(("language", lang)) }
            for (kind, value) in requirements {
                let excludes = allowed.contains { kind == "competency" ? !$0.competencies.contains(value) : !$0.languages.contains(value) }
                guard excludes else { continue }
                let key = "\(kind)|\(value)|\(row.profession)"
                var b = tally[key] ?? BindingRequirement(kind: kind, value: value, profession: row.profession, uncoveredHours: 0, dualValueEUR: 0)
                b.uncoveredHours += missing * ctx.instances[i].hours
                b.dualValueEUR += missing * pi[r]
                tally[key] = b
            }
        }
        return tally.keys.sorted().compactMap { tally[$0] }.map {
            var b = $0; b.uncoveredHours = roundMilli(b.uncoveredHours); b.dualValueEUR = roundCents(b.dualValueEUR); return b
        }.sorted { ($0.dualValueEUR, $1.kind, $1.value, $1.profession) > ($1.dualValueEUR, $0.kind, $0.value, $0.profession) }
    }
}

