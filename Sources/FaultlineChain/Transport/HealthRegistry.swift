import Foundation

/// The breakers and health scores of one chain, shared by every task a `ChainRunner`
/// runs concurrently. A lock guards the book because the machine's events mutate it
/// briefly and synchronously; nothing waits while holding it.
public final class HealthRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var book: ProviderHealthBook

    public init(chain: ChainConfig) { book = ProviderHealthBook(chain: chain) }

    /// A copy of the current book, for reports.
    public var snapshot: ProviderHealthBook { lock.withLock { book } }

    /// Runs `body` with exclusive access to the book.
    public func update<T>(_ body: (inout ProviderHealthBook) -> T) -> T {
        lock.withLock { body(&book) }
    }
}
