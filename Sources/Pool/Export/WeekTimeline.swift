/// Each clinician's week as a timeline (inline SVG): one row per clinician, the horizon's days
/// as columns, every shift a block at its wall-clock time, coloured by mode.
enum WeekTimeline {
    static func svg(_ index: PlanIndex, width: Double = 1180) throws -> String {
        let plan = index.plan
        let days = max(plan.days, 1)
        let byClinician = try index.assignmentsByClinician()
        let labelWidth = 210.0, top = 40.0, rowHeight = 38.0
        let dayWidth = (width - labelWidth - 8) / Double(days)
        let height = top + Double(max(byClinician.count, 1)) * rowHeight + 28
        let origin = plan.firstDate.ordinal * 1440
        let overtime = Dictionary(plan.kpis.clinicians.map { ($0.clinician, $0.overtimeHours) }, uniquingKeysWith: { a, _ in a })

        var svg = SVGCharts.open(id: "timeline", title: "Työntekijöiden viikko / each clinician's week", width: width, height: height)
        for d in 0..<days {
            let x = labelWidth + Double(d) * dayWidth, day = plan.firstDate.adding(days: d)
            let weekend = day.isoWeekday >= 6
            svg += "<rect class=\"\(weekend ? "col-weekend" : d % 2 == 0 ? "col-a" : "col-b")\" x=\"\(HTMLText.coord(x))\" y=\"\(HTMLText.coord(top - 6))\" "
                + "width=\"\(HTMLText.coord(dayWidth))\" height=\"\(HTMLText.coord(height - top - 16))\"/>"
            svg += SVGCharts.text("\(HTMLText.shortDate(day)) · \(HTMLText.weekdaysEN[day.isoWeekday - 1])",
                                  x: x + dayWidth / 2, y: 16, anchor: "middle", style: "lbl")
            for h in [6, 12, 18] {
                let hx = x + Double(h) / 24 * dayWidth
                svg += "<line class=\"hour\" x1=\"\(HTMLText.coord(hx))\" y1=\"\(HTMLText.coord(top - 6))\" x2=\"\(HTMLText.coord(hx))\" "
                    + "y2=\"\(HTMLText.coord(height - 22))\"/>"
                if d == 0 { svg += SVGCharts.text("\(h)", x: hx, y: 31, anchor: "middle", style: "gridlbl") }
            }
        }
        for (row, group) in byClinician.enumerated() {
            let y = top + Double(row) * rowHeight
            let clinician = try index.clinician(group.clinician)
            let hours = group.assignments.reduce(0) { $0 + $1.hours }
            let ot = overtime[group.clinician] ?? 0
            svg += SVGCharts.text(HTMLText.short(clinician.name, 28), x: labelWidth - 8, y: y + 13, anchor: "end", style: "lbl")
            svg += SVGCharts.text("\(HTMLText.short(clinician.profession, 14)) · \(HTMLText.hours(hours))" + (ot > 0 ? " · OT +\(HTMLText.hours(ot))" : ""),
                                  x: labelWidth - 8, y: y + 25, anchor: "end", style: ot > 0 ? "sublbl warn-text" : "sublbl")
            for a in group.assignments {
                let shift = try index.shift(a.shift), site = try index.site(a.site)
                let start = Double(shift.start(on: a.date) - origin), end = Double(shift.end(on: a.date) - origin)
                let horizonEnd = Double(days * 1440)
                guard end > 0, start < horizonEnd else { continue }
                let x = labelWidth + max(start, 0) / 1440 * dayWidth
                let w = (min(end, horizonEnd) - max(start, 0)) / 1440 * dayWidth
                let style = a.mode == .remote ? "f-remote" : a.mode == .stay ? "f-stay" : "f-onsite"
                let tip = "\(clinician.name): \(HTMLText.shortDate(a.date)) \(a.shift) \(PayrollExport.clock(shift.startMinute))–"
                    + "\(PayrollExport.clock(shift.endMinute)), \(site.name) (\(site.municipality)), \(ICSExport.modeLabel(a.mode))"
                    + (a.travelKm > 0 ? ", \(HTMLText.number(a.travelKm)) km" : "")
                svg += "<g class=\"shift\"><title>\(HTMLText.escape(tip))</title>"
                svg += "<rect class=\"\(style)\" x=\"\(HTMLText.coord(x))\" y=\"\(HTMLText.coord(y + 3))\" width=\"\(HTMLText.coord(max(w, 2)))\" "
                    + "height=\"26\" rx=\"4\"/>"
                if w > 30 {
                    svg += SVGCharts.text(HTMLText.short(site.municipality, max(3, Int((w - 6) / 6.9))), x: x + 4, y: y + 19, style: "blk")
                }
                svg += "</g>"
            }
        }
        svg += SVGCharts.legendRow([("f-onsite", "lähityö / on site"), ("f-stay", "majoittuen / stay"), ("f-remote", "etä / remote")],
                                   x: labelWidth, y: height - 6)
        return svg + "</svg>"
    }
}
