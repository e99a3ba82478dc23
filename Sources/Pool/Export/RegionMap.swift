import Foundation

/// The region as an inline SVG map: sites placed by coordinates with an equirectangular
/// projection (longitude scaled by cos of the mean latitude, fine at a region's size), on-site
/// and stay trips as lines from clinicians' homes, remote consultations as dashed lines and a
/// ring on the receiving site. No base map tiles: the report must work offline.
enum RegionMap {
    struct Projection {
        let minLon: Double, maxLat: Double, scale: Double, cosLat: Double, pad: Double
        func x(_ c: Coordinate) -> Double { pad + (c.lon - minLon) * cosLat * scale }
        func y(_ c: Coordinate) -> Double { pad + (maxLat - c.lat) * scale }
    }

    static func svg(_ index: PlanIndex, width: Double = 1180) -> String {
        let plan = index.plan
        let sites = index.directory.sites
        let usedClinicians = Set(plan.assignments.map(\.clinician))
        let homes = index.directory.clinicians.filter { usedClinicians.contains($0.id) }
        let points = sites.map(\.location) + homes.map(\.home)
        guard let first = points.first else { return "<p class=\"muted\">Ei toimipisteitä / no sites.</p>" }
        var minLat = first.lat, maxLat = first.lat, minLon = first.lon, maxLon = first.lon
        for p in points {
            minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat); minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon)
        }
        // At least ~0.2° across so that a single site does not blow up the scale.
        let latSpan = max(maxLat - minLat, 0.2)
        let cosLat = cos((minLat + maxLat) / 2 * Double.pi / 180)
        let lonSpan = max((maxLon - minLon) * cosLat, 0.2)
        let pad = 40.0
        let scale = (width - 2 * pad) / lonSpan
        let height = min(max(latSpan * scale + 2 * pad, 360), 760)
        let fit = min(scale, (height - 2 * pad) / latSpan)
        let proj = Projection(minLon: minLon - ((width - 2 * pad) / fit - lonSpan) / 2 / cosLat, maxLat: maxLat,
                              scale: fit, cosLat: cosLat, pad: pad)

        var svg = SVGCharts.open(id: "map", title: "Alueen kartta / map of the region", width: width, height: height)
        svg += "<rect class=\"map-bg\" width=\"\(HTMLText.coord(width))\" height=\"\(HTMLText.coord(height))\" rx=\"6\"/>"
        svg += graticule(proj, width: width, height: height, minLat: minLat, maxLat: maxLat)
        svg += trips(index, proj)
        for h in homes {
            let x = proj.x(h.home), y = proj.y(h.home)
            svg += "<rect class=\"home\" x=\"\(HTMLText.coord(x - 3))\" y=\"\(HTMLText.coord(y - 3))\" width=\"6\" height=\"6\">"
                + "<title>\(HTMLText.escape("Koti / home: \(h.name) (\(h.homeMunicipality ?? "?"))"))</title></rect>"
        }
        svg += siteMarkers(index, proj)
        svg += scaleBar(proj, width: width, height: height)
        svg += SVGCharts.legendRow([("f-onsite", "lähityö / on site"), ("f-stay", "majoittuen / stay"),
                                    ("f-remote", "etä / remote"), ("home", "koti / home")], x: 14, y: height - 12)
        return svg + "</svg>"
    }

    /// A bar of a round number of km (about a sixth of the map's width), bottom right.
    static func scaleBar(_ p: Projection, width: Double, height: Double) -> String {
        let pxPerKm = p.scale / 111.2   // one degree of latitude ≈ 111.2 km
        let km = [5.0, 10, 20, 25, 50, 100, 200, 500].last { $0 * pxPerKm <= width / 6 } ?? 5
        let length = km * pxPerKm, x = width - 24 - length, y = height - 18
        return "<g class=\"scale\"><line x1=\"\(HTMLText.coord(x))\" y1=\"\(HTMLText.coord(y))\" x2=\"\(HTMLText.coord(x + length))\" "
            + "y2=\"\(HTMLText.coord(y))\"/>" + SVGCharts.text("\(Int(km)) km", x: x + length / 2, y: y - 5, anchor: "middle", style: "sublbl")
            + "</g>"
    }

    static func graticule(_ p: Projection, width: Double, height: Double, minLat: Double, maxLat: Double) -> String {
        var svg = "<g class=\"grid\">"
        let step = 0.5
        var lat = (minLat / step).rounded(.down) * step
        while lat <= maxLat + step {
            let y = p.y(Coordinate(lat: lat, lon: 0))
            if y > 0 && y < height {
                svg += "<line x1=\"0\" y1=\"\(HTMLText.coord(y))\" x2=\"\(HTMLText.coord(width))\" y2=\"\(HTMLText.coord(y))\"/>"
                svg += SVGCharts.text(DecimalText.fixed(lat, decimals: 1) + "°N", x: 4, y: y - 3, style: "gridlbl")
            }
            lat += step
        }
        var lon = p.minLon.rounded(.down)
        while p.x(Coordinate(lat: 0, lon: lon)) < width {
            let x = p.x(Coordinate(lat: 0, lon: lon))
            if x > 0 {
                svg += "<line x1=\"\(HTMLText.coord(x))\" y1=\"0\" x2=\"\(HTMLText.coord(x))\" y2=\"\(HTMLText.coord(height))\"/>"
                svg += SVGCharts.text(DecimalText.fixed(lon, decimals: 0) + "°E", x: x + 3, y: 12, style: "gridlbl")
            }
            lon += 1
        }
        return svg + "</g>"
    }

    /// One line per (clinician, site, mode), thicker with more shifts.
    static func trips(_ index: PlanIndex, _ p: Projection) -> String {
        var counts: [String: (clinician: String, site: String, mode: WorkMode, shifts: Int)] = [:]
        for a in index.plan.assignments {
            let key = a.clinician + "\u{1F}" + a.site + "\u{1F}" + a.mode.rawValue
            counts[key, default: (a.clinician, a.site, a.mode, 0)].shifts += 1
        }
        var svg = "<g class=\"trips\">"
        // Remote first so that travel lines are drawn on top.
        let ordered = counts.sorted { ($0.value.mode == .remote ? 0 : 1, $0.key) < ($1.value.mode == .remote ? 0 : 1, $1.key) }
        for trip in ordered.map(\.value) {
            guard let c = try? index.clinician(trip.clinician), let s = try? index.site(trip.site) else { continue }
            let style = trip.mode == .remote ? "trip-remote" : trip.mode == .stay ? "trip-stay" : "trip-onsite"
            svg += "<line class=\"\(style)\" x1=\"\(HTMLText.coord(p.x(c.home)))\" y1=\"\(HTMLText.coord(p.y(c.home)))\" "
                + "x2=\"\(HTMLText.coord(p.x(s.location)))\" y2=\"\(HTMLText.coord(p.y(s.location)))\" "
                + "stroke-width=\"\(HTMLText.coord(1.2 + 0.6 * Double(min(trip.shifts, 7))))\">"
                + "<title>\(HTMLText.escape("\(c.name) → \(s.name): \(trip.shifts) × \(ICSExport.modeLabel(trip.mode))"))</title></line>"
        }
        return svg + "</g>"
    }

    static func siteMarkers(_ index: PlanIndex, _ p: Projection) -> String {
        let coverage = Dictionary(index.plan.kpis.sites.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let remoteSites = Set(index.plan.assignments.filter { $0.mode == .remote }.map(\.site))
        let maxDemand = max(index.plan.kpis.sites.map(\.demandHours).max() ?? 1, 1)
        let labelAll = index.directory.sites.count <= 40
        var svg = "<g class=\"sites\">"
        var placedLabels: [(x: Double, y: Double, w: Double)] = []
        for site in index.directory.sites {
            let x = p.x(site.location), y = p.y(site.location)
            let kpi = coverage[site.id]
            let r = kpi.map { 4 + 9 * ($0.demandHours / maxDemand).squareRoot() } ?? 3
            let style = kpi.map { $0.coveragePercent >= 99.95 ? "site-ok" : $0.coveragePercent >= 80 ? "site-mid" : "site-low" } ?? "site-none"
            let detail = kpi.map { "\(HTMLText.hours($0.coveredHours)) / \(HTMLText.hours($0.demandHours)) · \(HTMLText.percent($0.coveragePercent))" }
                ?? "ei kysyntää / no demand"
            svg += "<g class=\"site\"><title>\(HTMLText.escape("\(site.name), \(site.municipality): \(detail)"))</title>"
            if remoteSites.contains(site.id) {
                svg += "<circle class=\"remote-ring\" cx=\"\(HTMLText.coord(x))\" cy=\"\(HTMLText.coord(y))\" r=\"\(HTMLText.coord(r + 4))\"/>"
            }
            svg += "<circle class=\"\(style)\" cx=\"\(HTMLText.coord(x))\" cy=\"\(HTMLText.coord(y))\" r=\"\(HTMLText.coord(r))\"/>"
            if labelAll || (kpi?.uncoveredHours ?? 0) > 0 {
                let label = HTMLText.short(site.name, 26)
                let lx = x + r + 4, w = Double(label.count) * 6.3
                // Sites of one town sit on top of each other: move a label down or up until it
                // overlaps no earlier one (greedy, in site-id order, so stable).
                let ly = [0.0, 13, -13, 26, -26, 39, -39, 52].map { y + 4 + $0 }.first { candidate in
                    !placedLabels.contains { abs($0.y - candidate) < 12 && lx < $0.x + $0.w && $0.x < lx + w }
                } ?? y + 4
                placedLabels.append((lx, ly, w))
                svg += SVGCharts.text(label, x: lx, y: ly, style: "maplbl")
            }
            svg += "</g>"
        }
        return svg + "</g>"
    }
}
