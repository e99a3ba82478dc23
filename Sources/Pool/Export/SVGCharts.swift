/// Inline SVG charts for the HTML report (no scripts, no external files). Colours come from CSS
/// classes (`HTMLReportStyle`), so the palette lives in one place.
enum SVGCharts {
    struct Segment {
        var value: Double
        /// CSS class giving the fill, e.g. "f-covered".
        var style: String
        var label: String
    }

    struct BarRow {
        var label: String
        var sublabel: String = ""
        var segments: [Segment]
        /// Text right of the bar, e.g. "40 / 42 h · 95 %".
        var valueText: String
        /// Emphasise the row (e.g. coverage below target).
        var warn: Bool = false
    }

    /// Horizontal stacked bars, one row per item, scaled to the largest row total.
    static func horizontalBars(id: String, title: String, rows: [BarRow], legend: [(style: String, label: String)],
                               width: Double = 640, labelWidth: Double = 210, valueWidth: Double = 150) -> String {
        let rowHeight = 26.0, top = 30.0
        let height = top + Double(rows.count) * rowHeight + 8
        let barSpace = width - labelWidth - valueWidth
        let maxTotal = max(rows.map { $0.segments.reduce(0) { $0 + max($1.value, 0) } }.max() ?? 0, 1e-9)
        var svg = open(id: id, title: title, width: width, height: height)
        svg += legendRow(legend, x: labelWidth, y: 12)
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            svg += "<g class=\"bar-row\(row.warn ? " warn" : "")\">"
            svg += "<title>\(HTMLText.escape(row.label + (row.sublabel.isEmpty ? "" : " (\(row.sublabel))") + ": " + row.valueText))</title>"
            svg += text(HTMLText.short(row.label, 30), x: labelWidth - 8, y: y + 12, anchor: "end", style: "lbl")
            if !row.sublabel.isEmpty {
                svg += text(HTMLText.short(row.sublabel, 34), x: labelWidth - 8, y: y + 23, anchor: "end", style: "sublbl")
            }
            svg += "<rect class=\"track\" x=\"\(HTMLText.coord(labelWidth))\" y=\"\(HTMLText.coord(y + 3))\" "
                + "width=\"\(HTMLText.coord(barSpace))\" height=\"14\" rx=\"3\"/>"
            var x = labelWidth
            for segment in row.segments where segment.value > 0 {
                let w = segment.value / maxTotal * barSpace
                svg += "<rect class=\"\(segment.style)\" x=\"\(HTMLText.coord(x))\" y=\"\(HTMLText.coord(y + 3))\" "
                    + "width=\"\(HTMLText.coord(max(w, 0.5)))\" height=\"14\"><title>\(HTMLText.escape(segment.label))</title></rect>"
                x += w
            }
            svg += text(row.valueText, x: labelWidth + barSpace + 8, y: y + 14, anchor: "start", style: "val")
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    static func open(id: String, title: String, width: Double, height: Double) -> String {
        "<svg id=\"\(HTMLText.escape(id))\" class=\"chart\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" "
            + "viewBox=\"0 0 \(HTMLText.coord(width)) \(HTMLText.coord(height))\" style=\"max-width:\(HTMLText.coord(width))px\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title>\(HTMLText.escape(title))</title>"
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", style: String) -> String {
        "<text class=\"\(style)\" x=\"\(HTMLText.coord(x))\" y=\"\(HTMLText.coord(y))\" text-anchor=\"\(anchor)\">"
            + HTMLText.escape(content) + "</text>"
    }

    static func legendRow(_ items: [(style: String, label: String)], x: Double, y: Double) -> String {
        var svg = "<g class=\"legend\">"
        var cx = x
        for item in items {
            svg += "<rect class=\"\(item.style)\" x=\"\(HTMLText.coord(cx))\" y=\"\(HTMLText.coord(y - 9))\" width=\"10\" height=\"10\" rx=\"2\"/>"
            svg += text(item.label, x: cx + 14, y: y, style: "leg")
            cx += 26 + Double(item.label.count) * 6.4
        }
        return svg + "</g>"
    }
}
