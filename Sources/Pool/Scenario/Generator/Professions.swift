/// The generator's assumptions per profession. None of these numbers comes from the regional plans
/// (they give no salaries, prices or staffing); they are plausible 2025-2026 Finnish orders of
/// magnitude, stated in every generated README so that nobody mistakes them for data.
struct ProfessionProfile: Sendable {
    let id: String
    /// Prefix of generated clinician ids, e.g. GP-007.
    let code: String
    /// The id with a gloss where it helps (for the README).
    let label: String
    /// Share of the pool.
    let poolShare: Double
    /// Relative need per resident before scaling (how much of the gap the pool is asked to fill).
    /// Above `poolShare` means a shortage profession.
    let needWeight: Double
    /// Employer cost of a regular hour, €: monthly salary × 1.25 side costs / 163 h.
    let hourlyCostEUR: Double
    /// Purchased service or agency price, €/h.
    let purchasedEURPerHour: Double
    /// Probability that a pool member of this profession works remotely.
    let remoteShare: Double
    /// Skill tags a member may hold (each with probability `competencyShare`).
    let competencies: [String]
    /// Where the profession's demand arises.
    let siteKinds: [SiteKind]
    /// Whether demand rows may accept remote work (`either`): consultations, therapy, e-visits.
    let remoteDemandShare: Double

    static let all: [ProfessionProfile] = [
        .init(id: "gp", code: "GP", label: "gp: general practitioner (terveyskeskuslääkäri)", poolShare: 0.22, needWeight: 0.29,
              hourlyCostEUR: 55, purchasedEURPerHour: 130, remoteShare: 0.3,
              competencies: ["emergency", "chronic-disease", "audit", "digital"],
              siteKinds: [.healthCentre, .healthStation, .hospital], remoteDemandShare: 0.15),
        .init(id: "specialist_physician", code: "SPE", label: "specialist_physician", poolShare: 0.03, needWeight: 0.03,
              hourlyCostEUR: 66, purchasedEURPerHour: 160, remoteShare: 0.3,
              competencies: ["geriatrics", "emergency", "internal-medicine"],
              siteKinds: [.hospital], remoteDemandShare: 0.2),
        .init(id: "psychiatrist", code: "PSY", label: "psychiatrist", poolShare: 0.05, needWeight: 0.07,
              hourlyCostEUR: 68, purchasedEURPerHour: 170, remoteShare: 0.8,
              competencies: ["child-psychiatry", "addiction", "brief-therapy"],
              siteKinds: [.hospital, .healthCentre], remoteDemandShare: 0.5),
        .init(id: "psychologist", code: "PSL", label: "psychologist", poolShare: 0.08, needWeight: 0.09,
              hourlyCostEUR: 33, purchasedEURPerHour: 95, remoteShare: 0.6,
              competencies: ["brief-therapy", "lapset-puheeksi", "work-ability-assessment", "intellectual-disability"],
              siteKinds: [.healthCentre, .healthStation], remoteDemandShare: 0.5),
        .init(id: "nurse", code: "RN", label: "nurse: registered nurse (sairaanhoitaja)", poolShare: 0.24, needWeight: 0.23,
              hourlyCostEUR: 27, purchasedEURPerHour: 60, remoteShare: 0.1,
              competencies: ["ipc", "rai", "emergency", "digital"],
              siteKinds: [.healthCentre, .healthStation, .hospital], remoteDemandShare: 0.05),
        .init(id: "psychiatric_nurse", code: "PRN", label: "psychiatric_nurse", poolShare: 0.11, needWeight: 0.11,
              hourlyCostEUR: 28, purchasedEURPerHour: 62, remoteShare: 0.3,
              competencies: ["motivational-interviewing", "audit", "brief-therapy"],
              siteKinds: [.healthCentre, .hospital], remoteDemandShare: 0.3),
        .init(id: "public_health_nurse", code: "PHN", label: "public_health_nurse: public health nurse (terveydenhoitaja)", poolShare: 0.06,
              needWeight: 0.055, hourlyCostEUR: 28, purchasedEURPerHour: 62, remoteShare: 0.1,
              competencies: ["lapset-puheeksi", "ipc"],
              siteKinds: [.healthCentre, .healthStation], remoteDemandShare: 0.1),
        .init(id: "dentist", code: "DDS", label: "dentist", poolShare: 0.09, needWeight: 0.105,
              hourlyCostEUR: 55, purchasedEURPerHour: 120, remoteShare: 0,
              competencies: ["child-dentistry", "sedation"],
              siteKinds: [.dentalClinic, .mobileUnit], remoteDemandShare: 0),
        .init(id: "specialist_dentist", code: "SDS", label: "specialist_dentist", poolShare: 0.03, needWeight: 0.04,
              hourlyCostEUR: 68, purchasedEURPerHour: 160, remoteShare: 0.6,
              competencies: ["orthodontics", "oral-surgery"],
              siteKinds: [.dentalClinic], remoteDemandShare: 0.3),
        .init(id: "dental_hygienist", code: "DH", label: "dental_hygienist", poolShare: 0.09, needWeight: 0.08,
              hourlyCostEUR: 27, purchasedEURPerHour: 65, remoteShare: 0,
              competencies: ["child-dentistry"],
              siteKinds: [.dentalClinic, .mobileUnit], remoteDemandShare: 0),
    ]

    static let competencyShare = 0.4

    /// Who may cover whom (rules.substitutions), each a licensed superset of the covered role.
    static let substitutions: [Substitution] = [
        Substitution(clinicianProfession: "specialist_physician", demandProfession: "gp"),
        Substitution(clinicianProfession: "specialist_dentist", demandProfession: "dentist"),
        Substitution(clinicianProfession: "psychiatric_nurse", demandProfession: "nurse"),
        Substitution(clinicianProfession: "public_health_nurse", demandProfession: "nurse"),
    ]

    static func profile(_ id: String) -> ProfessionProfile? { all.first { $0.id == id } }

    /// Exactly `total` professions in the pool's proportions (largest remainder), so small pools
    /// still get the mix right.
    static func counts(total: Int) -> [Int] {
        let exact = all.map { $0.poolShare * Double(total) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        for i in order.prefix(total - counts.reduce(0, +)) { counts[i] += 1 }
        return counts
    }
}
