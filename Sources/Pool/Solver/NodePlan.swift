import Foundation

extension NodeRounds {
    /// A plan from the node's master: the dive on its LP (`MasterColumns.dive`), then the master MIP
    /// from the dive's plan (`MasterColumns.solveMIP`: RINS, neighbourhood search, local search)
    /// for what is left of `seconds`. A point of the node's model (its rows' slacks last); nil when
    /// neither found one; `searched`: whether it is the master MIP's (else the dive's).
    /// The node's caps keep its master's share of each site near whole shifts around its level, so
    /// its plans reach levels the search over the whole week seldom does: on the region at 20 s
    /// the nurses' node under the plan's level gave parts of 33 060–33 280 € where the plan
    /// branched around had 33 460–33 680 € (docs/performance.md, "Plans from the nodes").
    /// `around`: the plan branched around (a point of the week), a seed of the master MIP beside the
    /// dive's plan (its slacks priced where it breaks the node's rows). `summary`: the dive's and
    /// the master MIP's objectives in the node's model and their times, for the solver log;
    /// `masterLog`: the master MIP's own log (empty when it did not run).
    mutating func plan(around plan: [Double], seconds: Double, solver: any LinearSolver, lanes: Int,
                       isStopRequested: @escaping @Sendable () -> Bool) throws
        -> (point: [Double], searched: Bool, summary: String, masterLog: String)? {
        let clock = BlockClock()
        // Half the time at most: the GPs' dive took 0.3 s on the region, its plan 1 % over the
        // plan branched around, and the master MIP improves on the better seed.
        let dived = try master.dive(solver, timeLimit: seconds / 2, lastMasterLP: 0, isStopRequested: isStopRequested)
        let diveSeconds = clock.elapsed
        var summary = String(format: "dive %@ in %.2f s", partText(dived), diveSeconds)
        let left = seconds - clock.elapsed
        guard left > 0.05, !isStopRequested() else { return dived.map { ($0, false, summary, "") } }
        // The plan branched around is a seed too (the start wherever it is cheaper): the node's
        // plan then never costs more than it. Measured three times within the noise (last: region,
        // 20 s, twenty pairs, median 0.100 % against 0.102 %, largest 0.128 % against 0.175 %); it
        // keeps a node short of time (the GPs' 0.25 s: 164 525 € from a dive against 163 629 €)
        // from wasting the plan's part.
        if let dived { master.add(seeds: dived) }
        master.add(seeds: withSlacks(plan))
        let searched = try master.solveMIP(solver, timeLimit: left, lanes: lanes, presenceAfter: MasterColumns.presenceAfterShare,
                                           stall: MasterColumns.nodePlanStall,
                                           isStopRequested: isStopRequested)
        summary += String(format: ", master MIP %@ in %.2f s", partText(searched.point), clock.elapsed - diveSeconds)
        guard let point = searched.point else { return dived.map { ($0, false, summary, searched.log) } }
        // Compared in the node's model, whose slacks price any node row the plan breaks.
        if let dived, model.objectiveValue(dived) <= model.objectiveValue(point) { return (dived, false, summary, searched.log) }
        return (point, true, summary, searched.log)
    }

    /// A node's point as the group's part in euros (its objective less the model's constant, the
    /// other groups' columns being zero there), for the log.
    private func partText(_ point: [Double]?) -> String {
        point.map { String(format: "%.2f €", model.objectiveValue($0) - constant) } ?? "no plan"
    }

    /// A point of the week as a point of the node's model: each node row's slack (the column after
    /// the week's in it) at what the row needs.
    func withSlacks(_ point: [Double]) -> [Double] {
        var p = point + Array(repeating: 0.0, count: max(0, model.variableCount - point.count))
        for r in model.constraintCount - (model.variableCount - point.count)..<model.constraintCount {
            var activity = 0.0, slack: Int?
            for e in model.rowStart[r]..<model.rowStart[r + 1] {
                let j = Int(model.entryColumns[e])
                if j >= point.count { slack = j } else { activity += model.entryValues[e] * p[j] }
            }
            guard let slack else { continue }
            p[slack] = model.senses[r] == .lessOrEqual ? max(0, activity - model.rightHandSides[r]) : max(0, model.rightHandSides[r] - activity)
        }
        return p
    }
}
