/// A sparse affine expression Σ aⱼ·xⱼ + c. Terms may repeat; the model merges them when a
/// constraint or objective is added, so building stays linear in the number of terms.
public struct LinearExpression: Sendable {
    public var variables: [Int] = []
    public var coefficients: [Double] = []
    public var constant: Double = 0

    public init() {}
    public init(constant: Double) { self.constant = constant }
    public init(_ variable: Variable, coefficient: Double = 1) {
        variables = [variable.index]; coefficients = [coefficient]
    }

    public var isEmpty: Bool { variables.isEmpty }
    public var termCount: Int { variables.count }

    public mutating func add(_ coefficient: Double, _ variable: Variable) {
        variables.append(variable.index); coefficients.append(coefficient)
    }

    public mutating func add(_ other: LinearExpression, times factor: Double = 1) {
        variables.append(contentsOf: other.variables)
        if factor == 1 { coefficients.append(contentsOf: other.coefficients) }
        else { coefficients.append(contentsOf: other.coefficients.lazy.map { $0 * factor }) }
        constant += other.constant * factor
    }

    public mutating func reserveCapacity(_ n: Int) {
        variables.reserveCapacity(n); coefficients.reserveCapacity(n)
    }

    /// Value of the expression at a point (`values[j]` is variable j's value).
    public func evaluate(_ values: [Double]) -> Double {
        var s = constant
        for k in variables.indices { s += coefficients[k] * values[variables[k]] }
        return s
    }
}

/// Σ over a sequence, without the quadratic cost of repeated `+`.
public func sum<S: Sequence>(_ items: S) -> LinearExpression where S.Element == Variable {
    var e = LinearExpression()
    for v in items { e.add(1, v) }
    return e
}

public func sum<S: Sequence>(_ items: S) -> LinearExpression where S.Element == LinearExpression {
    var e = LinearExpression()
    for x in items { e.add(x) }
    return e
}

/// Σ coefficient·variable over pairs.
public func sum<S: Sequence>(_ terms: S) -> LinearExpression where S.Element == (Double, Variable) {
    var e = LinearExpression()
    for (c, v) in terms { e.add(c, v) }
    return e
}

// MARK: operators, so that model-building code reads like the maths

public func * (c: Double, v: Variable) -> LinearExpression { LinearExpression(v, coefficient: c) }
public func * (c: Double, e: LinearExpression) -> LinearExpression {
    var r = LinearExpression(); r.add(e, times: c); return r
}
public func + (a: LinearExpression, b: LinearExpression) -> LinearExpression { var r = a; r.add(b); return r }
public func + (a: LinearExpression, v: Variable) -> LinearExpression { var r = a; r.add(1, v); return r }
public func + (v: Variable, b: LinearExpression) -> LinearExpression { LinearExpression(v) + b }
public func + (a: Variable, b: Variable) -> LinearExpression { var r = LinearExpression(a); r.add(1, b); return r }
public func + (a: LinearExpression, c: Double) -> LinearExpression { var r = a; r.constant += c; return r }
public func - (a: LinearExpression, b: LinearExpression) -> LinearExpression { var r = a; r.add(b, times: -1); return r }
public func - (a: LinearExpression, v: Variable) -> LinearExpression { var r = a; r.add(-1, v); return r }
public func - (v: Variable, b: LinearExpression) -> LinearExpression { LinearExpression(v) - b }
public func - (a: Variable, b: Variable) -> LinearExpression { var r = LinearExpression(a); r.add(-1, b); return r }
public func - (a: LinearExpression, c: Double) -> LinearExpression { var r = a; r.constant -= c; return r }
public prefix func - (a: LinearExpression) -> LinearExpression { -1 * a }
public func += (a: inout LinearExpression, b: LinearExpression) { a.add(b) }
public func += (a: inout LinearExpression, v: Variable) { a.add(1, v) }
public func -= (a: inout LinearExpression, b: LinearExpression) { a.add(b, times: -1) }
public func -= (a: inout LinearExpression, v: Variable) { a.add(-1, v) }

/// `lhs (sense) rhs`, produced by the comparison operators and passed to `LinearModel.add`.
public struct LinearConstraint: Sendable {
    public var expression: LinearExpression
    public var sense: ConstraintSense
    public var rhs: Double
    public init(_ expression: LinearExpression, _ sense: ConstraintSense, _ rhs: Double) {
        self.expression = expression; self.sense = sense; self.rhs = rhs
    }
}

public func <= (e: LinearExpression, r: Double) -> LinearConstraint { LinearConstraint(e, .lessOrEqual, r) }
public func >= (e: LinearExpression, r: Double) -> LinearConstraint { LinearConstraint(e, .greaterOrEqual, r) }
public func == (e: LinearExpression, r: Double) -> LinearConstraint { LinearConstraint(e, .equal, r) }
public func <= (e: LinearExpression, f: LinearExpression) -> LinearConstraint { LinearConstraint(e - f, .lessOrEqual, 0) }
public func >= (e: LinearExpression, f: LinearExpression) -> LinearConstraint { LinearConstraint(e - f, .greaterOrEqual, 0) }
public func == (e: LinearExpression, f: LinearExpression) -> LinearConstraint { LinearConstraint(e - f, .equal, 0) }
public func <= (v: Variable, r: Double) -> LinearConstraint { LinearExpression(v) <= r }
public func >= (v: Variable, r: Double) -> LinearConstraint { LinearExpression(v) >= r }
public func <= (e: LinearExpression, v: Variable) -> LinearConstraint { e <= LinearExpression(v) }
public func >= (e: LinearExpression, v: Variable) -> LinearConstraint { e >= LinearExpression(v) }
