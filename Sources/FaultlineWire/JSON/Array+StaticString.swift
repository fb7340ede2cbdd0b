extension Array where Element == UInt8 {
    /// Appends a literal's UTF-8: the constant parts of the mock's encoded bodies are
    /// `StaticString`s, which cost no reference counting or lazy global set-up per use.
    @inlinable
    mutating func append(static text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
