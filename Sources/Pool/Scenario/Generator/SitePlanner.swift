import Foundation

/// A generated site with what the demand generator needs to know about it.
struct PlannedSite: Sendable {
    var site: Site
    /// Index into `Geography.municipalities`.
    let municipality: Int
    /// Hospitals and large health centres without a hospital run night and weekend on-call.
    var onCall: Bool = false
    /// Far from every hospital: remote consultations and dearer purchased services.
    var edge: Bool = false
}

/// Chooses `count` sites for a geography in a fixed order of importance: hospitals, one health
/// centre per municipality (largest first), dental clinics of towns, known branch stations, the other
/// dental clinics, mobile units for edge areas, then extra health stations in the largest places.
enum SitePlanner {
    /// A site farther than this from every hospital is an edge site (reuna-alue).
    static let edgeKm = 70.0
    static let onCallPopulation = 15_000

    static func plan(_ geo: Geography, count: Int, rng: inout SplitMix64) -> [PlannedSite] {
        let towns = geo.municipalities.indices.sorted {
            (geo.municipalities[$0].population, geo.municipalities[$1].name) > (geo.municipalities[$1].population, geo.municipalities[$0].name)
        }
        let codes = MunicipalityCodes(geo.municipalities,
                                      stations: geo.referenceSites.filter { $0.kind == .healthStation }.map(\.name))
        func index(of name: String) -> Int? { geo.municipalities.firstIndex { $0.name == name } }
        func make(_ m: Int, _ suffix: String, _ name: String, _ kind: SiteKind, _ at: Coordinate, remote: Bool) -> PlannedSite {
            PlannedSite(site: Site(id: codes.code(m) + "-" + suffix, name: name, municipality: geo.municipalities[m].name,
                                   location: at, kind: kind, remoteOK: remote), municipality: m)
        }

        var candidates: [PlannedSite] = []
        let hospitals = geo.referenceSites.filter { $0.kind == .hospital }
        if hospitals.isEmpty {
            for m in towns.prefix(max(1, geo.municipalities.count / 12)) {
                let town = geo.municipalities[m]
                candidates.append(make(m, "HOSP", "\(town.name) hospital", .hospital, town.location, remote: true))
            }
        } else {
            for h in hospitals { if let m = index(of: h.municipality) {
                candidates.append(make(m, "HOSP", h.name, .hospital, h.location, remote: true))
            } }
        }
        for m in towns {
            let town = geo.municipalities[m]
            candidates.append(make(m, "HC", "\(town.name) health centre", .healthCentre, town.location, remote: true))
        }
        for m in towns where geo.municipalities[m].population >= 20_000 {
            let town = geo.municipalities[m]
            candidates.append(make(m, "DENT", "\(town.name) dental clinic", .dentalClinic, town.location, remote: true))
        }
        for station in geo.referenceSites where station.kind == .healthStation {
            guard let m = index(of: station.municipality) else { continue }
            var site = make(m, "HS", "\(station.name) health station", .healthStation, station.location,
                            remote: rng.chance(0.7))
            site.site.id = codes.code(station: station.name) + "-HS"
            candidates.append(site)
        }
        for m in towns where geo.municipalities[m].population < 20_000 {
            let town = geo.municipalities[m]
            candidates.append(make(m, "DENT", "\(town.name) dental clinic", .dentalClinic, town.location, remote: true))
        }
        let hospitalPoints = candidates.filter { $0.site.kind == .hospital }.map(\.site.location)
        func distanceToHospital(_ c: Coordinate) -> Double {
            hospitalPoints.map { TravelEstimator.greatCircleKm($0, c) }.min() ?? 0
        }
        let remotest = towns.filter { distanceToHospital(geo.municipalities[$0].location) > edgeKm }
            .sorted { distanceToHospital(geo.municipalities[$0].location) > distanceToHospital(geo.municipalities[$1].location) }
        for m in remotest.prefix(2) {
            let town = geo.municipalities[m]
            candidates.append(make(m, "MOB", "\(town.name) mobile dental unit", .mobileUnit, town.location, remote: false))
        }
        // Extra stations go where population per station is highest, like districts of a city.
        var extra: [(m: Int, k: Int, weight: Double)] = []
        let needed = max(0, count - candidates.count)
        for m in towns where needed > 0 {
            for k in 2...(needed + 1) { extra.append((m, k, Double(geo.municipalities[m].population) / Double(k))) }
        }
        extra.sort { ($0.weight, -$0.m, -$0.k) > ($1.weight, -$1.m, -$1.k) }
        for (m, k, _) in extra.prefix(needed) {
            let town = geo.municipalities[m]
            let at = jitter(town.location, km: rng.uniform(2, 8), rng: &rng)
            candidates.append(make(m, "HS\(k)", "\(town.name) health station \(k)", .healthStation, at, remote: rng.chance(0.7)))
        }

        var chosen = Array(candidates.prefix(count))
        for i in chosen.indices {
            let town = geo.municipalities[chosen[i].municipality]
            let hasHospital = chosen.contains { $0.municipality == chosen[i].municipality && $0.site.kind == .hospital }
            chosen[i].onCall = chosen[i].site.kind == .hospital
                || (chosen[i].site.kind == .healthCentre && !hasHospital && town.population >= onCallPopulation)
            chosen[i].edge = distanceToHospital(chosen[i].site.location) > edgeKm
        }
        return chosen
    }

    /// A point `km` from `c` in a random direction (flat-earth approximation, fine at this scale).
    static func jitter(_ c: Coordinate, km: Double, rng: inout SplitMix64) -> Coordinate {
        let angle = rng.uniform(0, 2 * Double.pi)
        let dLat = km * cos(angle) / 111.2
        let dLon = km * sin(angle) / (111.2 * max(0.2, cos(c.lat * Double.pi / 180)))
        return Coordinate(lat: round4(c.lat + dLat), lon: round4(c.lon + dLon))
    }
}

/// Short, unique, ASCII site-id prefixes: Kokkola → KOK, Kuusamo → KUU. Larger places choose first;
/// on a clash the third letter is replaced by a later letter of the name (Pyhäjoki after Pyhäjärvi
/// → PYA), then the prefix grows. Branch stations at former municipality centres get codes the same
/// way, after all municipalities.
struct MunicipalityCodes {
    private var byIndex: [Int: String] = [:]
    private var byStation: [String: String] = [:]
    private var used: Set<String> = []

    init(_ municipalities: [GeoMunicipality], stations: [String]) {
        let order = municipalities.indices.sorted {
            (municipalities[$0].population, municipalities[$1].name) > (municipalities[$1].population, municipalities[$0].name)
        }
        for i in order {
            if let given = municipalities[i].code { used.insert(given); byIndex[i] = given; continue }
            byIndex[i] = claim(municipalities[i].name)
        }
        for station in stations where byStation[station] == nil { byStation[station] = claim(station) }
    }

    func code(_ index: Int) -> String { byIndex[index] ?? "M\(index)" }
    func code(station: String) -> String { byStation[station] ?? Self.letters(station, count: 4) }

    private mutating func claim(_ name: String) -> String {
        let letters = Array(Self.letters(name, count: 99))
        var candidates: [String] = []
        if letters.count >= 3 {
            candidates.append(String(letters[0..<3]))
            for c in letters[3...] { candidates.append(String(letters[0..<2]) + String(c)) }
        }
        for length in stride(from: 4, through: letters.count, by: 1) { candidates.append(String(letters[0..<length])) }
        candidates.append(String(letters))
        var code = candidates.first { !used.contains($0) && !$0.isEmpty } ?? String(letters)
        var n = 2
        while used.contains(code) || code.isEmpty { code = String(letters.prefix(3)) + String(n); n += 1 }
        used.insert(code)
        return code
    }

    /// Upper-case ASCII letters and digits of a name, ä/å → A, ö → O.
    static func letters(_ name: String, count: Int) -> String {
        var out = ""
        for ch in name.uppercased() {
            let folded: Character
            switch ch {
            case "Ä", "Å", "Á": folded = "A"
            case "Ö", "Ø": folded = "O"
            case "É": folded = "E"
            case "Ü": folded = "U"
            default: folded = ch
            }
            if folded.isASCII && (folded.isLetter || folded.isNumber) { out.append(folded) }
            if out.count == count { break }
        }
        return out
    }
}
