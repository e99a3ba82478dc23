import Foundation

/// A stop request that stays once seen: GLPK clears its own flag when its next solve begins, so a
/// Ctrl-C that one small solve saw must be remembered for every phase after it.
public final class StopLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var latched = false
    private let source: @Sendable () -> Bool

    public init(_ source: @escaping @Sendable () -> Bool) { self.source = source }

    public func latch() { lock.withLock { latched = true } }

    public var isSet: Bool {
        if lock.withLock({ latched }) { return true }
        guard source() else { return false }
        latch()
        return true
    }
}
