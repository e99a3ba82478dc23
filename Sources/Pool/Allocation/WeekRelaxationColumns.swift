/// Weeks of the DP as columns for price-and-branch (`WeekRelaxation.feasibleColumns`).
extension WeekRelaxation {
    /// The block's point for the week of `items`: x, then each auxiliary variable at the least
    /// value its rows allow (as `AllocationModel.point(chosen:)` sets them — not called here
    /// because it fills every column of the model, once per priced week), in the order of the
    /// block's columns; nil when a bound or a row of the block is broken.
    func blockPoint(_ model: LinearModel, _ w: Week, clinician c: Int, items: [Int], shape: BlockShape) -> [Double]? {
        // The week's values over the clinician's own columns (a dictionary hashed every entry of
        // every row checked: about 4 % of a 5× run's CPU); every other column is 0.
        var owned = Array(repeating: 0.0, count: ownedCount[c])
        let me = Int32(c)
        func set(_ column: Int, _ v: Double) { owned[Int(ownedIndex[column])] = v }
        func value(_ column: Int) -> Double { owner[column] == me ? owned[Int(ownedIndex[column])] : 0 }
        var stay: [SiteDate: Double] = [:], work: [SiteDate: Double] = [:]
        var hours = 0.0, touched = Set<Int>()
        for j in items {
            set(w.columns[j], 1)
            let key = SiteDate(site: w.site[j], date: w.date[j])
            work[key, default: 0] += 1
            if w.isStay[j] { stay[key, default: 0] += 1 }
            hours += w.hours[j]
            if w.lastDate[j] >= w.firstDate[j] { touched.formUnion(w.firstDate[j]...w.lastDate[j]) }
        }
        var night: [SiteDate: Double] = [:]
        for n in w.nights {
            let key = SiteDate(site: n.site, date: n.date)
            let v = max(0, (stay[key] ?? 0) + (stay[SiteDate(site: n.site, date: n.date + 1)] ?? 0) - 1)
            night[key] = v; set(n.column, v)
        }
        for t in w.trips {
            let today = stay[SiteDate(site: t.site, date: t.date)] ?? 0
            let v = t.column >= 0 ? max(0, today - (night[SiteDate(site: t.site, date: t.date - 1)] ?? 0)) : today
            if t.column >= 0 { set(t.column, v) }
            hours += v * t.hours
        }
        for y in w.pairs {
            set(y.column, min(1, work[SiteDate(site: y.site, date: y.date)] ?? 0, work[SiteDate(site: y.site, date: y.date + 1)] ?? 0))
        }
        if let o = w.overtimeColumn { set(o, max(0, hours - w.regularHours)) }
        if !w.restColumns.isEmpty {
            guard let free = w.restColumns.first(where: { r in (r.start..<(r.start + w.restDays)).allSatisfy { !touched.contains($0) } })
            else { return nil }
            set(free.column, 1)
        }
        var local: [Double] = []
        local.reserveCapacity(shape.columns.count)
        for j in shape.columns {
            let v = value(j)
            guard v >= model.lowerBounds[j] - 1e-9, v <= model.upperBounds[j] + 1e-9 else { return nil }
            local.append(v)
        }
        for r in shape.rows {
            var activity = 0.0
            for e in model.rowStart[r]..<model.rowStart[r + 1] { activity += model.entryValues[e] * value(Int(model.entryColumns[e])) }
            let rhs = model.rightHandSides[r], tolerance = 1e-6 * max(1, abs(rhs))
            switch model.senses[r] {
            case .lessOrEqual: guard activity <= rhs + tolerance else { return nil }
            case .greaterOrEqual: guard activity >= rhs - tolerance else { return nil }
            case .equal: guard abs(activity - rhs) <= tolerance else { return nil }
            }
        }
        return local
    }
}
