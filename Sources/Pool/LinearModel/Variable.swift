/// A column of a `LinearModel`. Only the model that created it gives it meaning.
public struct Variable: Hashable, Comparable, Sendable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

public enum VariableKind: String, Sendable, Codable {
    case continuous, integer, binary
}

public enum OptimizationDirection: String, Sendable, Codable {
    case minimize, maximize
}

public enum ConstraintSense: String, Sendable, Codable {
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case equal = "="
}

/// A row of a `LinearModel`.
public struct ConstraintRef: Hashable, Comparable, Sendable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: ConstraintRef, b: ConstraintRef) -> Bool { a.index < b.index }
}
