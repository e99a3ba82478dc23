/// PRODUCT §3.1 — qualification: a clinician covers only demand of their profession (or one a
/// configured substitution allows), holding every required competency and, when a language is
/// required, speaking it. Enforced by not creating candidates (`Candidates.swift`) — there is no
/// variable for an unqualified pairing, so no row is needed.
enum Qualification {
    /// Profession equal or an allowed substitution (`RuleID.qualification`).
    static func professionAllows(_ ctx: AllocationContext, _ c: Clinician, _ row: DemandRow) -> Bool {
        !ctx.isEnabled(.qualification)
            || ctx.rules.mayCover(clinicianProfession: c.profession, demandProfession: row.profession)
    }

    /// Every required competency held (`RuleID.competencies`). Both lists are sorted.
    static func hasCompetencies(_ ctx: AllocationContext, _ c: Clinician, _ row: DemandRow) -> Bool {
        !ctx.isEnabled(.competencies) || row.competencies.allSatisfy { c.competencies.contains($0) }
    }

    /// The required language spoken, when one is required (`RuleID.language`).
    static func speaksLanguage(_ ctx: AllocationContext, _ c: Clinician, _ row: DemandRow) -> Bool {
        guard ctx.isEnabled(.language), let lang = row.language, !lang.isEmpty else { return true }
        return c.languages.contains(lang)
    }
}
