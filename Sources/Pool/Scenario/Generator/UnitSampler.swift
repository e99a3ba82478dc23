/// Turns "n clinicians of a profession needed here" into demand rows, giving each unit a language,
/// mode, competency and priority with the stated probabilities — but only requirements that some
/// clinician in the pool could meet, as units ask for skills that exist. Units with the same
/// requirements are merged into one row with a count.
struct UnitSampler {
    /// What the clinicians who may cover a profession offer, all of them or only the Swedish speakers.
    private struct Offer {
        var remote = false
        var competencies: Set<String> = []
    }
    private var offers: [String: (all: Offer, swedish: Offer?)] = [:]

    /// Share of units that ask for one specific competency.
    static let competencyShare = 0.25
    /// Share of GP, dentist, psychologist and psychiatrist units with care-guarantee backlog.
    static let backlogShare = 0.15
    static let backlogPriority = 1.5
    /// Purchased services cost more far from the centres (travel of agency staff).
    static let edgePriceFactor = 1.25

    init(clinicians: [Clinician], rules: Rules) {
        for profile in ProfessionProfile.all {
            let pool = clinicians.filter { rules.mayCover(clinicianProfession: $0.profession, demandProfession: profile.id) }
            func offer(_ people: [Clinician]) -> Offer {
                Offer(remote: people.contains(where: \.remote), competencies: Set(people.flatMap(\.competencies)))
            }
            let speakers = pool.filter { $0.languages.contains("sv") }
            offers[profile.id] = (offer(pool), speakers.isEmpty ? nil : offer(speakers))
        }
    }

    private struct Variant: Equatable {
        var language: String?
        var mode: DemandMode
        var competency: String?
        var priority: Double
    }

    func rows(count: Int, profile: ProfessionProfile, site: PlannedSite, date: Day, shift: String,
                       swedishShare: Double, rng: inout SplitMix64) -> [DemandRow] {
        guard let offer = offers[profile.id] else { return [] }
        var variants: [(Variant, Int)] = []
        for _ in 0..<count {
            var v = Variant(language: nil, mode: .onsite, competency: nil, priority: 1)
            if swedishShare > 0.02, offer.swedish != nil, rng.chance(swedishShare) { v.language = "sv" }
            let eligible = v.language == nil ? offer.all : (offer.swedish ?? offer.all)
            if site.site.remoteOK, eligible.remote, rng.chance(profile.remoteDemandShare) { v.mode = .either }
            let held = profile.competencies.filter(eligible.competencies.contains)
            if profile.id == "gp" && shift == "night" && held.contains("emergency") {
                v.competency = "emergency"
            } else if !held.isEmpty && rng.chance(Self.competencyShare) {
                v.competency = held[rng.int(0...held.count - 1)]
            }
            if ["gp", "dentist", "psychologist", "psychiatrist"].contains(profile.id) && rng.chance(Self.backlogShare) {
                v.priority = Self.backlogPriority
            }
            if let i = variants.firstIndex(where: { $0.0 == v }) { variants[i].1 += 1 } else { variants.append((v, 1)) }
        }
        return variants.map { v, n in
            DemandRow(site: site.site.id, date: date, shift: shift, profession: profile.id, count: n,
                      competencies: v.competency.map { [$0] } ?? [], language: v.language, mode: v.mode,
                      priority: v.priority, purchasedEURPerHour: price(profile, site))
        }
    }

    /// One remote consultation, when some clinician who may cover it works remotely.
    func remoteRow(profession: String, site: PlannedSite, date: Day) -> [DemandRow] {
        guard let profile = ProfessionProfile.profile(profession), offers[profession]?.all.remote == true else { return [] }
        return [DemandRow(site: site.site.id, date: date, shift: "day", profession: profession, count: 1,
                          mode: .remote, priority: 1, purchasedEURPerHour: price(profile, site))]
    }

    private func price(_ profile: ProfessionProfile, _ site: PlannedSite) -> Double {
        site.edge ? round2(profile.purchasedEURPerHour * Self.edgePriceFactor) : profile.purchasedEURPerHour
    }
}
