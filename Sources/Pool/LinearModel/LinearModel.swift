/// A solver-agnostic linear or mixed-integer programme, stored column-wise for bounds and
/// row-wise (compressed sparse rows) for constraints, so building is linear in the model size.
public final class LinearModel {
    public var name: String

    // Columns
    public private(set) var variableNames: [String] = []
    public private(set) var kinds: [VariableKind] = []
    public private(set) var lowerBounds: [Double] = []
    public private(set) var upperBounds: [Double] = []
    public private(set) var objectiveCoefficients: [Double] = []
    public var objectiveConstant: Double = 0
    public var direction: OptimizationDirection = .minimize

    // Rows, compressed sparse: row i has entries rowStart[i] ..< rowStart[i+1]
    public private(set) var constraintNames: [String] = []
    public private(set) var senses: [ConstraintSense] = []
    public private(set) var rightHandSides: [Double] = []
    public private(set) var rowStart: [Int] = [0]
    public private(set) var entryColumns: [Int32] = []
    public private(set) var entryValues: [Double] = []

    /// Scratch buffer for merging duplicate terms of one row in O(terms).
    private var mergeSlot: [Int32] = []

    public init(name: String = "pool") { self.name = name }

    public var variableCount: Int { kinds.count }
    public var constraintCount: Int { senses.count }
    public var nonzeroCount: Int { entryValues.count }
    public var isMixedInteger: Bool { kinds.contains { $0 != .continuous } }

    public func reserve(variables: Int, constraints: Int, nonzeros: Int) {
        variableNames.reserveCapacity(variables); kinds.reserveCapacity(variables)
        lowerBounds.reserveCapacity(variables); upperBounds.reserveCapacity(variables)
        objectiveCoefficients.reserveCapacity(variables)
        constraintNames.reserveCapacity(constraints); senses.reserveCapacity(constraints)
        rightHandSides.reserveCapacity(constraints); rowStart.reserveCapacity(constraints + 1)
        entryColumns.reserveCapacity(nonzeros); entryValues.reserveCapacity(nonzeros)
    }

    // MARK: variables

    /// Adds a column. Bounds may be infinite; a binary's bounds are clamped to [0, 1].
    /// Values are checked by `validate()` before any solver sees them, not here, so that
    /// building never traps.
    @discardableResult
    public func addVariable(_ name: String, _ kind: VariableKind = .continuous,
                            lower: Double = 0, upper: Double = .infinity, objective: Double = 0) -> Variable {
        let v = Variable(index: kinds.count)
        variableNames.append(name); kinds.append(kind)
        if kind == .binary {
            lowerBounds.append(max(0, lower)); upperBounds.append(min(1, upper))
        } else {
            lowerBounds.append(lower); upperBounds.append(upper)
        }
        objectiveCoefficients.append(objective)
        mergeSlot.append(-1)
        return v
    }

    public func binary(_ name: String, objective: Double = 0) -> Variable {
        addVariable(name, .binary, lower: 0, upper: 1, objective: objective)
    }

    /// An independent copy (the arrays are copied on write, so this is cheap until one side changes).
    public func copy() -> LinearModel {
        let m = LinearModel(name: name)
        m.variableNames = variableNames; m.kinds = kinds; m.lowerBounds = lowerBounds; m.upperBounds = upperBounds
        m.objectiveCoefficients = objectiveCoefficients; m.objectiveConstant = objectiveConstant; m.direction = direction
        m.constraintNames = constraintNames; m.senses = senses; m.rightHandSides = rightHandSides
        m.rowStart = rowStart; m.entryColumns = entryColumns; m.entryValues = entryValues; m.mergeSlot = mergeSlot
        return m
    }

    public func setBounds(_ v: Variable, lower: Double, upper: Double) {
        lowerBounds[v.index] = lower; upperBounds[v.index] = upper
    }

    public func setObjectiveCoefficient(_ v: Variable, _ c: Double) { objectiveCoefficients[v.index] = c }
    public func objectiveCoefficient(_ v: Variable) -> Double { objectiveCoefficients[v.index] }
    public func name(of v: Variable) -> String { variableNames[v.index] }
    public func kind(of v: Variable) -> VariableKind { kinds[v.index] }

    /// Replaces the objective; repeated variables are summed.
    public func setObjective(_ direction: OptimizationDirection, _ expression: LinearExpression) {
        self.direction = direction
        for j in objectiveCoefficients.indices { objectiveCoefficients[j] = 0 }
        for k in expression.variables.indices { objectiveCoefficients[expression.variables[k]] += expression.coefficients[k] }
        objectiveConstant = expression.constant
    }

    /// Adds to the objective without touching what is there.
    public func addToObjective(_ expression: LinearExpression) {
        for k in expression.variables.indices { objectiveCoefficients[expression.variables[k]] += expression.coefficients[k] }
        objectiveConstant += expression.constant
    }

    // MARK: constraints

    /// Adds `constraint` as a row. The expression's constant moves to the right-hand side and
    /// repeated variables are merged; exact zeros are dropped.
    @discardableResult
    public func add(_ name: String, _ constraint: LinearConstraint) -> ConstraintRef {
        let e = constraint.expression
        // The arrays are moved out of the object for the row and back after: touched in place,
        // every element access of a class's array paid a dynamic exclusivity check, 60 % of the
        // time adding 5× the region's 1.5 million rows.
        var columns: [Int32] = [], values: [Double] = [], slots: [Int32] = []
        swap(&columns, &entryColumns); swap(&values, &entryValues); swap(&slots, &mergeSlot)
        defer { swap(&columns, &entryColumns); swap(&values, &entryValues); swap(&slots, &mergeSlot) }
        let first = columns.count
        for k in e.variables.indices {
            let j = e.variables[k]
            let c = e.coefficients[k]
            // Out-of-range columns are kept as written and rejected by validate().
            if j >= 0 && j < slots.count {
                let slot = slots[j]
                if slot >= 0 { values[Int(slot)] += c; continue }
                slots[j] = Int32(columns.count)
            }
            columns.append(Int32(truncatingIfNeeded: j)); values.append(c)
        }
        // Reset the scratch slots and compact away zeros left by cancellation.
        var write = first
        for read in first..<columns.count {
            let j = Int(columns[read])
            if j >= 0 && j < slots.count { slots[j] = -1 }
            if values[read] != 0 || !values[read].isFinite {
                columns[write] = columns[read]; values[write] = values[read]; write += 1
            }
        }
        columns.removeLast(columns.count - write); values.removeLast(values.count - write)
        rowStart.append(columns.count)
        constraintNames.append(name); senses.append(constraint.sense)
        rightHandSides.append(constraint.rhs - e.constant)
        return ConstraintRef(index: senses.count - 1)
    }

    /// The terms of row `i` as (column, value) pairs.
    public func row(_ i: Int) -> [(column: Int, value: Double)] {
        (rowStart[i]..<rowStart[i + 1]).map { (Int(entryColumns[$0]), entryValues[$0]) }
    }

    public func constraintName(_ r: ConstraintRef) -> String { constraintNames[r.index] }

    /// Objective value of a point, including the constant.
    public func objectiveValue(_ values: [Double]) -> Double {
        var s = objectiveConstant
        for j in values.indices where j < objectiveCoefficients.count { s += objectiveCoefficients[j] * values[j] }
        return s
    }

    /// Activity Σ aᵢⱼxⱼ of row `i` at a point.
    public func activity(ofRow i: Int, _ values: [Double]) -> Double {
        var s = 0.0
        for k in rowStart[i]..<rowStart[i + 1] { s += entryValues[k] * values[Int(entryColumns[k])] }
        return s
    }

    /// Rows violated by more than `tolerance` at a point, with the violation; for checking
    /// solutions independently of the solver's word.
    public func violations(_ values: [Double], tolerance: Double = 1e-6) -> [(name: String, amount: Double)] {
        var out: [(String, Double)] = []
        for j in 0..<variableCount {
            let x = values[j]
            if x < lowerBounds[j] - tolerance { out.append((variableNames[j] + " lower bound", lowerBounds[j] - x)) }
            if x > upperBounds[j] + tolerance { out.append((variableNames[j] + " upper bound", x - upperBounds[j])) }
            if kinds[j] != .continuous && abs(x - x.rounded()) > tolerance { out.append((variableNames[j] + " integrality", abs(x - x.rounded()))) }
        }
        for i in 0..<constraintCount {
            let a = activity(ofRow: i, values), r = rightHandSides[i]
            let v: Double
            switch senses[i] {
            case .lessOrEqual: v = a - r
            case .greaterOrEqual: v = r - a
            case .equal: v = abs(a - r)
            }
            if v > tolerance { out.append((constraintNames[i], v)) }
        }
        return out
    }
}
