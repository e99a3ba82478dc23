/// A value one lane writes and the caller reads once the lanes are done (or that lanes only read):
/// the hand-over between threads that the lanes' own join makes safe.
final class LaneBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
