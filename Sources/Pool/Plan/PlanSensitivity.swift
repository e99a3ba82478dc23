/// How sensitivity figures were obtained (PRODUCT §5 asks to say so).
public enum SensitivityMethod: String, Codable, Sendable {
    /// Estimated by pricing one extra clinician's best week against the LP relaxation's coverage duals.
    case lpDualPricing = "lp_dual_pricing"
    /// Exact: the model re-solved with one more clinician.
    case exactResolve = "exact_resolve"
    /// Not computed (e.g. disabled, or no solution).
    case notComputed = "not_computed"
}

/// "One more clinician of `profession` based in `base` would save `savingEUR` this week."
public struct SensitivityEntry: Codable, Sendable, Equatable {
    public var profession: String
    /// Municipality of the hypothetical clinician's home.
    public var base: String
    public var savingEUR: Double
    public var method: SensitivityMethod
    /// Hours the extra clinician would work in that estimate.
    public var hoursWorked: Double
    /// The extra clinician's regular salary for the horizon (paid anyway once hired): compare it
    /// with `savingEUR` to see whether the position pays for itself this week.
    public var regularSalaryEUR: Double?
    public init(profession: String, base: String, savingEUR: Double, method: SensitivityMethod, hoursWorked: Double,
                regularSalaryEUR: Double? = nil) {
        self.profession = profession; self.base = base; self.savingEUR = savingEUR
        self.method = method; self.hoursWorked = hoursWorked; self.regularSalaryEUR = regularSalaryEUR
    }
}

/// A competency or language that leaves demand uncovered, with its value.
public struct BindingRequirement: Codable, Sendable, Equatable {
    /// "competency" or "language".
    public var kind: String
    public var value: String
    public var profession: String
    /// Uncovered hours of demand requiring it.
    public var uncoveredHours: Double
    /// Sum of the coverage-row duals (€ per clinician-shift) over those rows: what one more
    /// holder of it would be worth at most, by the LP estimate.
    public var dualValueEUR: Double
    public init(kind: String, value: String, profession: String, uncoveredHours: Double, dualValueEUR: Double) {
        self.kind = kind; self.value = value; self.profession = profession
        self.uncoveredHours = uncoveredHours; self.dualValueEUR = dualValueEUR
    }
}

public struct Sensitivity: Codable, Sendable, Equatable {
    public var method: SensitivityMethod
    /// One sentence for the reader on what the figures are.
    public var explanation: String
    /// Sorted by saving, largest first.
    public var entries: [SensitivityEntry]
    public var bindingRequirements: [BindingRequirement]
    public init(method: SensitivityMethod, explanation: String, entries: [SensitivityEntry] = [],
                bindingRequirements: [BindingRequirement] = []) {
        self.method = method; self.explanation = explanation; self.entries = entries
        self.bindingRequirements = bindingRequirements
    }
    public static let none = Sensitivity(method: .notComputed, explanation: "sensitivity not computed")
}
