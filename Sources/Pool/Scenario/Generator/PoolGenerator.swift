import Foundation

/// Generates the pool: professions in the stated mix, homes where people live, languages by the
/// home municipality's Swedish share, contracts and travel limits with stated spreads.
enum PoolGenerator {
    static func clinicians(count: Int, geo: Geography, rng: inout SplitMix64) -> [Clinician] {
        let profiles = ProfessionProfile.all
        let counts = ProfessionProfile.counts(total: count)
        // People live where people live; the exponent below 1 spreads the pool a little beyond the cities.
        let homeWeights = geo.municipalities.map { pow(Double($0.population), 0.9) }
        var clinicians: [Clinician] = []
        for (p, profile) in profiles.enumerated() where counts[p] > 0 {
            for n in 1...counts[p] {
                let town = geo.municipalities[rng.index(weights: homeWeights)]
                let home = SitePlanner.jitter(town.location, km: rng.uniform(0, 6), rng: &rng)
                let swedishSpeaker = rng.chance(town.swedishShare)
                var languages = swedishSpeaker ? ["sv"] : ["fi"]
                if rng.chance(swedishSpeaker ? 0.85 : 0.12) { languages.append(swedishSpeaker ? "fi" : "sv") }
                if rng.chance(0.5) { languages.append("en") }
                let doctor = profile.hourlyCostEUR >= 50
                let overtimeChoices: [Double] = doctor ? [0, 4, 8, 12] : [0, 4, 8]
                clinicians.append(Clinician(
                    id: profile.code + "-" + threeDigits(n),
                    name: name(swedish: swedishSpeaker, rng: &rng),
                    profession: profile.id,
                    competencies: profile.competencies.filter { _ in rng.chance(ProfessionProfile.competencyShare) },
                    languages: languages,
                    home: home,
                    homeMunicipality: town.name,
                    weeklyHours: rng.chance(0.12) ? 30 : 38.25,
                    maxOvertimeHours: overtimeChoices[rng.int(0...overtimeChoices.count - 1)],
                    hourlyCostEUR: round2(profile.hourlyCostEUR * rng.uniform(0.92, 1.10)),
                    overtimePremium: 0.5,
                    // The first of each remote-capable profession always works remotely, so that even
                    // a small pool can take the remote consultations the demand asks for.
                    remote: profile.remoteShare > 0 && (n == 1 || rng.chance(profile.remoteShare)),
                    maxCommuteMinutes: [45.0, 60, 75, 90][rng.int(0...3)],
                    acceptsStays: rng.chance(doctor ? 0.4 : 0.25)))
            }
        }
        return clinicians
    }

    static func threeDigits(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 3 ? s : String(repeating: "0", count: 3 - s.count) + s
    }

    private static let finnishFirst = ["Aino", "Antti", "Eino", "Elina", "Helmi", "Juho", "Kaisa", "Lauri", "Liisa",
                                       "Matti", "Mikko", "Noora", "Oona", "Pekka", "Riikka", "Sanna", "Teemu", "Tuomas",
                                       "Veera", "Ville"]
    private static let finnishLast = ["Heikkilä", "Heikkinen", "Heinonen", "Hämäläinen", "Järvinen", "Kinnunen",
                                      "Korhonen", "Koskinen", "Laine", "Lehtinen", "Lehtonen", "Mäkelä", "Mäkinen",
                                      "Niemi", "Nieminen", "Saarinen", "Salminen", "Salonen", "Turunen", "Virtanen"]
    private static let swedishFirst = ["Anna", "Emma", "Erik", "Fredrik", "Johanna", "Jonas", "Linnea", "Mikael",
                                       "Oskar", "Sara"]
    private static let swedishLast = ["Backman", "Björk", "Ek", "Forsman", "Granholm", "Holmström", "Lindholm",
                                      "Nyman", "Strand", "Sundqvist"]

    private static func name(swedish: Bool, rng: inout SplitMix64) -> String {
        let first = swedish ? swedishFirst : finnishFirst, last = swedish ? swedishLast : finnishLast
        return first[rng.int(0...first.count - 1)] + " " + last[rng.int(0...last.count - 1)]
    }
}
