import Foundation

/// Work for the idle lane while price-and-branch's master LP (or its dive's LPs) runs on the other
/// (GLPK's simplex uses one core): more steps of the subgradient ascent that came before, one lane
/// each, until the master LP is done. Its bound is as valid as the ascent's, and price-and-branch keeps the
/// higher: on 5× the region at 120 s the rounds' own bounds stay under the ascent's for the first
/// ten rounds while the master LPs leave the second core idle for 25–30 s; there 29–31 more steps
/// raised the bound from 1 355 743 € to 1 360 319–1 360 725 €, with the rounds as fast as before.
/// A step cut off when the master LP ends is dropped whole, so the master LP never waits for it;
/// how many steps are taken depends on how long the master LPs take, as the ascent's own steps
/// depend on its time limit (without a limit there is no side lane: the rounds stay deterministic).
final class SideAscent: @unchecked Sendable {
    private var state: SubgradientAscent
    private let relaxation: LagrangianBound
    private let model: LinearModel
    private let solver: any LinearSolver
    /// Steps taken on the idle lane.
    private(set) var steps = 0

    init(_ state: SubgradientAscent, relaxation: LagrangianBound, model: LinearModel, solver: any LinearSolver) {
        self.state = state; self.relaxation = relaxation; self.model = model; self.solver = solver
    }

    /// The best bound of the ascent so far, its own steps included.
    var bound: Double? { state.best?.bound }

    /// Steps on one lane until `done` (checked between blocks) or the ascent finishes. Called by
    /// one lane at a time.
    func run(until done: @escaping @Sendable () -> Bool) {
        while !done() {
            do {
                let before = state.evaluations
                let goesOn = try state.step(relaxation, model, solver: solver, lanes: 1, timeLimitSeconds: nil, isStopRequested: done)
                if state.evaluations > before { steps += 1 }
                guard goesOn else { return }
            } catch {
                return  // a stop reached a block's solve: the lane that owns the stop reports it
            }
        }
    }
}
