import FaultlineWire
import Foundation
import Synchronization

/// Names the case folder of each recorded fixture: `--name`, or a slug of the last user
/// message (`stream-` before a stream's, `error-<status>-` before an error's, as the
/// bundled fixtures are named), made unique within its dialect folder with `-2`, `-3`…
/// against the folders already there and the names handed out in this session.
public final class CaseNamer: Sendable {
    private let root: String
    private let fixedName: String?
    private let claimed = Mutex<Claims>(Claims())

    private struct Claims {
        /// `<dialect>/<name>` handed out.
        var taken: Set<String> = []
        /// The next suffix to try per `<dialect>/<base>`, so the thousandth repeat costs one look.
        var next: [String: Int] = [:]
    }

    /// The longest slug, in bytes, before the de-duplicating suffix.
    static let slugLimit = 48

    public init(root: String, fixedName: String? = nil) throws(RecordError) {
        if let fixedName, !Self.isFolderName(fixedName) { throw RecordError.badName(fixedName) }
        self.root = root
        self.fixedName = fixedName
    }

    /// The base name before de-duplication.
    func baseName(lastUserText: String, isStream: Bool, status: Int) -> String {
        if let fixedName { return fixedName }
        let slug = Self.slug(lastUserText)
        let prefix = status >= 400 ? "error-\(status)-" : (isStream ? "stream-" : "")
        return prefix + (slug.isEmpty ? "exchange" : slug)
    }

    /// A name no folder of `dialect` has and no earlier call returned; reserved until `release`.
    public func claim(dialect: DialectID, lastUserText: String, isStream: Bool, status: Int) -> String {
        let base = baseName(lastUserText: lastUserText, isStream: isStream, status: status)
        let key = dialect.rawValue + "/" + base
        return claimed.withLock { claims in
            var n = claims.next[key] ?? 1
            var candidate = n == 1 ? base : "\(base)-\(n)"
            while claims.taken.contains(dialect.rawValue + "/" + candidate) || FileManager.default.fileExists(atPath: "\(root)/\(dialect.rawValue)/\(candidate)") {
                n += 1
                candidate = "\(base)-\(n)"
            }
            claims.taken.insert(dialect.rawValue + "/" + candidate)
            claims.next[key] = n + 1
            return candidate
        }
    }

    /// Gives a claimed name back (its fixture was not written).
    public func release(dialect: DialectID, name: String) {
        _ = claimed.withLock { $0.taken.remove(dialect.rawValue + "/" + name) }
    }

    static func isFolderName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.utf8.count <= 128 && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
    }

    /// Lower-case ASCII letters and digits joined by single `-`, accents folded, cut at a
    /// word boundary within `slugLimit`: "What's the weather in Zürich?" → `what-s-the-weather-in-zurich`.
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var out = ""
        for word in words {
            let next = out.isEmpty ? word : out + "-" + word
            if next.utf8.count > slugLimit {
                if out.isEmpty { out = String(word.prefix(slugLimit)) }
                break
            }
            out = next
        }
        return out
    }
}
