import CSV
import Foundation

/// A municipality as the generator uses it.
struct GeoMunicipality: Sendable {
    let name: String
    let nameSV: String
    let region: String
    let location: Coordinate
    let population: Int
    /// Swedish speakers' share of the population, 0…1.
    let swedishShare: Double
    /// Site-id prefix when the name does not make a good one (synthetic places); nil: from the name.
    var code: String? = nil
}

/// A known branch station or hospital (sites-reference.csv).
struct ReferenceSite: Sendable {
    let region: String
    let municipality: String
    let name: String
    let kind: SiteKind
    let location: Coordinate
}

/// The municipalities a scenario is generated for, and the known sites among them.
struct Geography: Sendable {
    let municipalities: [GeoMunicipality]
    let referenceSites: [ReferenceSite]
    /// What the README says about where the numbers come from.
    let sourceNote: String

    /// Real regions from the embedded reference data, by scenario-style name.
    static let regionNames: [(key: String, region: String?)] = [
        ("keski-pohjanmaa", "Keski-Pohjanmaa"), ("pohjanmaa", "Pohjanmaa"),
        ("pohjois-pohjanmaa", "Pohjois-Pohjanmaa"), ("ostrobothnia", nil)]

    static func real(_ key: String) -> Geography? {
        guard let entry = regionNames.first(where: { $0.key == key }) else { return nil }
        let all = loadMunicipalities()
        let chosen = all.filter { entry.region == nil || $0.region == entry.region }
        let names = Set(chosen.map(\.name))
        return Geography(
            municipalities: chosen,
            referenceSites: loadReferenceSites().filter { names.contains($0.municipality) },
            sourceNote: "Municipalities, centre coordinates, 2025 populations and Swedish-speaker shares: "
                + "Statistics Finland (CC BY 4.0) via the project's reference data; branch stations and hospitals: "
                + "approximate public locations.")
    }

    /// A synthetic Finland-shaped geography of `count` municipalities: populations follow a
    /// Zipf-like law (a few cities, many small places), more people in the south, Swedish speakers
    /// on the west and south coasts. No real place is meant.
    static func synthetic(count: Int, rng: inout SplitMix64) -> Geography {
        var municipalities: [GeoMunicipality] = []
        for rank in 1...count {
            let lat = 60.0 + 8.4 * pow(rng.unit(), 1.7)
            let (west, east) = lat < 64 ? (21.3, 30.5) : (lat < 66 ? (23.6, 29.8) : (23.8, 29.4))
            let lon = rng.uniform(west, east)
            let population = max(700, Int(560_000 / pow(Double(rank), 1.08) * rng.uniform(0.85, 1.15)))
            let coastalWest = lon < 23.0 && lat < 64.3
            let southCoast = lat < 60.45 && lon < 27
            let swedish = coastalWest ? rng.uniform(0.25, 0.9) : (southCoast ? rng.uniform(0.03, 0.4) : rng.uniform(0, 0.01))
            let number = String(rank).count < 3 ? String(repeating: "0", count: 3 - String(rank).count) + String(rank)
                : String(rank)
            municipalities.append(GeoMunicipality(
                name: "Kunta \(number)", nameSV: "Kommun \(number)", region: "Synthetic Finland",
                location: Coordinate(lat: round4(lat), lon: round4(lon)), population: population,
                swedishShare: round4(swedish), code: "M" + number))
        }
        return Geography(municipalities: municipalities, referenceSites: [],
                         sourceNote: "Synthetic national geography: \(count) invented municipalities in a "
                            + "Finland-shaped area, Zipf-like populations, Swedish speakers on the coasts.")
    }

    private static func rows(_ text: String) -> [[String: String]] {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: true), let header = reader.headerRow else { return [] }
        var rows: [[String: String]] = []
        while let fields = reader.next() {
            rows.append(Dictionary(zip(header, fields).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
        }
        return rows
    }

    static func loadMunicipalities() -> [GeoMunicipality] {
        rows(ReferenceData.municipalitiesCSV).compactMap { r in
            guard let name = r["name_fi"], let lat = r["lat"].flatMap(Double.init), let lon = r["lon"].flatMap(Double.init),
                  let population = r["population_2025"].flatMap(Int.init),
                  let swedish = r["swedish_speakers_pct_2017"].flatMap(Double.init) else { return nil }
            return GeoMunicipality(name: name, nameSV: r["name_sv"] ?? name, region: r["region"] ?? "",
                                   location: Coordinate(lat: lat, lon: lon), population: population,
                                   swedishShare: swedish / 100)
        }
    }

    static func loadReferenceSites() -> [ReferenceSite] {
        rows(ReferenceData.sitesCSV).compactMap { r in
            guard let name = r["site"], let municipality = r["municipality_fi"],
                  let kind = r["kind"].flatMap(SiteKind.init(rawValue:)),
                  let lat = r["lat"].flatMap(Double.init), let lon = r["lon"].flatMap(Double.init) else { return nil }
            return ReferenceSite(region: r["region"] ?? "", municipality: municipality, name: name, kind: kind,
                                 location: Coordinate(lat: lat, lon: lon))
        }
    }
}

func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
