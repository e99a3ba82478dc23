import Foundation

/// A split part's first master LP from its parent's last basis (`ColumnGeneration.nodeRounds(parent:)`),
/// and a node's from the root's.
///
/// A part's master holds its parent's columns in the same order over the same week's rows; only
/// the node's own rows (a level's lower and upper end, each site's cap on uncovered shifts) and
/// their slacks differ, in right-hand side or in being there at all. Mapped row by row and column
/// by column, the parent's optimal basis stays dual feasible for the part (the same costs and
/// columns; a new node row's own variable basic, its slack non-basic at zero), so the dual simplex
/// starts from it. From scratch, each part's first master LP took 0.23–0.26 s in the region's
/// 20 s runs, about all of its share: in about half the runs the second split's parts got no round.
extension MasterColumns {
    /// What a master row or column stands for, the same in a parent's master and its part's.
    enum Slot: Hashable {
        /// A row or column of the week's model (below `base`).
        case row(Int), column(Int)
        /// A node's row, and its slack, known by its sense and the week's columns it holds (a
        /// level's end or a site's cap: the right-hand sides differ between parent and part).
        case nodeRow(NodeRowKey), slack(NodeRowKey)
        /// Block i's "one column" row; week column k.
        case oneColumn(Int), week(Int)
    }

    struct NodeRowKey: Hashable {
        var sense: ConstraintSense
        var columns: [Int]
    }

    /// The master's rows and columns as slots, in the order `build` lays them out. `base`: the
    /// week's model's size; rows and columns past it are the node's.
    func slots(base: (rows: Int, columns: Int)) -> (rows: [Slot], columns: [Slot]) {
        var slackKeys: [Int: NodeRowKey] = [:]
        func rowSlot(_ r: Int) -> Slot {
            guard r >= base.rows else { return .row(r) }
            var columns: [Int] = [], slack: Int?
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                let j = Int(model.entryColumns[k])
                if j < base.columns { columns.append(j) } else { slack = j }
            }
            let key = NodeRowKey(sense: model.senses[r], columns: Array(Set(columns)).sorted())
            if let slack { slackKeys[slack] = key }
            return .nodeRow(key)
        }
        let rows = relaxation.relaxedRows.map(rowSlot) + kept.flatMap { relaxation.shapes[$0].rows.map(rowSlot) }
            + priced.indices.map { Slot.oneColumn($0) }
        let keptColumns: [Slot] = kept.flatMap { relaxation.shapes[$0].columns }.map { j in
            j < base.columns ? .column(j) : slackKeys[j].map { .slack($0) } ?? .column(j)
        }
        return (rows, keptColumns + (0..<count).map { Slot.week($0) })
    }

    /// `parent`'s last basis (columns added since non-basic at zero) laid out for this master:
    /// slots both have keep their status; a row only this one has is basic, a column only this one
    /// has non-basic at its lower bound. Nil when the parent has had no LP, the week columns differ
    /// in number, or the result does not have one basic variable per row (a row the parent had
    /// dropped while active).
    func basis(from parent: MasterColumns, base: (rows: Int, columns: Int)) -> SolverBasis? {
        guard parent.count == count else { return nil }
        return basis(from: parent, base: base, translating: { $0 })
    }

    /// The root master's last basis laid out for a node of one group (`ColumnGeneration.nodeRounds`
    /// without a parent), whose master holds the group's part of the root's: its blocks
    /// (`blockOfRoot`: the root's priced block → this master's, nil outside the group) and their
    /// columns (`columnOfRoot`, likewise), its rows, and the node's own rows, which start basic.
    /// The groups are independent, so the root's basis restricted to one group has one basic
    /// variable per row of it and stays dual feasible (the same costs and columns): the node's first
    /// master LP runs the dual simplex from it. From scratch it took 0.4–0.5 s for each of the
    /// region's nurse nodes at 20 s, most of their time.
    func basis(fromRoot root: MasterColumns, base: (rows: Int, columns: Int), blockOfRoot: [Int?], columnOfRoot: [Int?]) -> SolverBasis? {
        basis(from: root, base: base) { slot in
            switch slot {
            case .oneColumn(let i): i < blockOfRoot.count ? blockOfRoot[i].map { .oneColumn($0) } : nil
            case .week(let k): k < columnOfRoot.count ? columnOfRoot[k].map { .week($0) } : nil
            default: slot
            }
        }
    }

    /// `parent`'s basis laid out for this master, its slots renamed by `translating` (nil: the slot
    /// has no counterpart here).
    private func basis(from parent: MasterColumns, base: (rows: Int, columns: Int), translating: (Slot) -> Slot?) -> SolverBasis? {
        guard let full = parent.startingBasis(over: nil) else { return nil }
        let mine = slots(base: base), theirs = parent.slots(base: base)
        guard theirs.rows.count == full.rowStatus.count, theirs.columns.count == full.columnStatus.count else { return nil }
        // Slots are unique within a master, except two node rows alike but for the right-hand side.
        let rowStatus = Dictionary(zip(theirs.rows, full.rowStatus).compactMap { slot, status in translating(slot).map { ($0, status) } },
                                   uniquingKeysWith: { first, _ in first })
        let columnStatus = Dictionary(zip(theirs.columns, full.columnStatus).compactMap { slot, status in translating(slot).map { ($0, status) } },
                                      uniquingKeysWith: { first, _ in first })
        let basis = SolverBasis(rowStatus: mine.rows.map { rowStatus[$0] ?? SolverBasis.basic },
                                columnStatus: mine.columns.map { columnStatus[$0] ?? SolverBasis.nonbasicAtLower })
        let basic = basis.rowStatus.lazy.filter { $0 == SolverBasis.basic }.count
            + basis.columnStatus.lazy.filter { $0 == SolverBasis.basic }.count
        return basic == basis.rowStatus.count ? basis : nil
    }
}
