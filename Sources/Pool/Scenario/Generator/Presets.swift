/// The recipes of the bundled scenarios in Scenarios/ (regenerate with `make scenarios`).
extension ScenarioGenerator {
    public static let presets: [GeneratorPreset] = [
        GeneratorPreset(
            name: "keski-pohjanmaa",
            options: GeneratorOptions(region: "keski-pohjanmaa", clinicians: 40, sites: 12, seed: 2026,
                                      name: "keski-pohjanmaa"),
            notes: """
            Soite, the Keski-Pohjanmaa wellbeing services county: its 8 municipalities (Kokkola, Kannus,
            Halsua, Kaustinen, Lestijärvi, Perho, Toholampi, Veteli), about 67 000 residents, 9 % Swedish
            speakers, most of them in Kokkola. The central hospital is in Kokkola; Kälviä and Lohtaja are
            branch stations at former municipality centres. Perho and Lestijärvi, far from Kokkola, are
            the edge areas: remote psychiatric and specialist-dentist consultations, dearer purchased service.
            """),
        GeneratorPreset(
            name: "pohjanmaa",
            options: GeneratorOptions(region: "pohjanmaa", clinicians: 90, sites: 25, seed: 2026, name: "pohjanmaa"),
            notes: """
            Pohjanmaa (Österbotten): the 13 municipalities of the Vaasa hospital district and Kruunupyy,
            about 176 000 residents, bilingual (49.5 % Swedish-speaking in the plans; here each
            municipality's own share). Swedish-language demand is in proportion to each municipality's
            Swedish share (Korsnäs, Luoto, Pedersöre, Uusikaarlepyy over 85 %), and pool members speak
            Swedish in proportion to their home municipality's share, so Swedish coverage is the binding
            constraint in the Swedish-majority north and south. Hospitals: Vaasa central hospital and
            Malmska in Pietarsaari.
            """),
        GeneratorPreset(
            name: "pohjois-pohjanmaa",
            options: GeneratorOptions(region: "pohjois-pohjanmaa", clinicians: 300, sites: 60, seed: 2026,
                                      suddenAbsenceRate: 0.06, name: "pohjois-pohjanmaa"),
            notes: """
            Pohjois-Pohjanmaa (Pohde): the 30 municipalities, about 410 000 residents, with the branch
            stations at former municipality centres (Haukipudas, Kiiminki, Oulunsalo, Yli-Ii, Ylikiiminki,
            Himanka, Vihanti, Kestilä, Piippola, Rantsila) and the hospitals OYS (Oulu), Oulaskangas and
            Raahe. Edge areas far from every hospital — Kuusamo, Taivalkoski, Pudasjärvi and others listed
            below — get remote psychiatric consultations on Tuesdays and Thursdays and a remote
            specialist-dentist consultation on Wednesdays, as the joint recruitment unit plans to
            coordinate special skills over a wide area. Sudden absences: 6 % of the pool falls ill from
            mid-week (äkilliset poissaolot), which the repair workflow has to absorb.
            """),
        GeneratorPreset(
            name: "national",
            options: GeneratorOptions(region: "national", clinicians: 5000, sites: 800, seed: 2026, name: "national"),
            notes: """
            A synthetic national-scale instance for benchmarks: invented municipalities in a
            Finland-shaped area, not a real place. Not bundled in Scenarios/ (regenerate it on demand).
            """),
    ]

    public static func preset(named name: String) -> GeneratorPreset? { presets.first { $0.name == name } }
}
