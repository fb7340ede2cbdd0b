/// HTTP-dates and RFC 3339 timestamps, to and from Unix seconds, in the proleptic
/// Gregorian calendar and UTC. Hand-written so results never depend on a locale.
extension RetryAfter {
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// An HTTP-date (RFC 9110 §5.6.7) as Unix seconds: the IMF-fixdate
    /// `Sun, 06 Nov 1994 08:49:37 GMT` every provider sends, and the obsolete
    /// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`)
    /// forms a recipient must accept. Separators are read leniently (spaces, commas and
    /// hyphens are interchangeable) and the weekday is not checked against the date.
    public static func httpDate(_ text: String) -> Double? {
        let tokens = text.split { $0 == " " || $0 == "," || $0 == "-" || $0 == "\t" }
        let day: Substring, month: Substring, year: Substring, time: Substring
        switch tokens.count {
        case 6 where tokens[5] == "GMT" && tokens[0].allSatisfy(\.isLetter):
            (day, month, year, time) = (tokens[1], tokens[2], tokens[3], tokens[4])
        case 5 where tokens[0].allSatisfy(\.isLetter):
            (month, day, time, year) = (tokens[1], tokens[2], tokens[3], tokens[4])
        default:
            return nil
        }
        guard let monthIndex = monthNames.firstIndex(where: { $0 == month }),
            day.count <= 2, let dayNumber = unsignedInt(day),
            year.count == 4 || year.count == 2, var yearNumber = unsignedInt(year),
            let clock = clockTime(time)
        else { return nil }
        if year.count == 2 { yearNumber += yearNumber < 70 ? 2000 : 1900 }
        guard let days = daysSinceEpoch(year: yearNumber, month: monthIndex + 1, day: dayNumber) else { return nil }
        return Double(days * 86_400 + clock)
    }

    /// An RFC 3339 timestamp as Unix seconds: `2026-11-25T05:50:25Z`, with optional
    /// fractional seconds and a `Z` or `±hh:mm` offset (Anthropic's reset headers).
    public static func rfc3339(_ text: String) -> Double? {
        let bytes = Array(text.trimmingASCIISpaces.utf8)
        guard bytes.count >= 20,
            let year = number(bytes, 0, 4), bytes[4] == UInt8(ascii: "-"),
            let month = number(bytes, 5, 2), bytes[7] == UInt8(ascii: "-"),
            let day = number(bytes, 8, 2),
            [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
            let hour = number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
            let minute = number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
            let second = number(bytes, 17, 2),
            hour < 24, minute < 60, second <= 60,
            let days = daysSinceEpoch(year: year, month: month, day: day)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 1.0
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                scale /= 10
                fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count,
                let offsetHours = number(bytes, index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                let offsetMinutes = number(bytes, index + 4, 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Double(whole) + fraction
    }

    /// An HTTP-date (IMF-fixdate) for Unix seconds, for the mock's `date` header.
    /// Fractions are dropped (rounded down), as the format has whole seconds only.
    public static func httpDate(unixSeconds: Double) -> String {
        let (days, secondOfDay) = split(unixSeconds.rounded(.down))
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let weekday = weekdayNames[((days % 7) + 11) % 7]
        return "\(weekday), \(pad(day, 2)) \(monthNames[month - 1]) \(pad(year, 4)) \(clockText(secondOfDay)) GMT"
    }

    /// An RFC 3339 timestamp in UTC, `2026-11-25T05:50:25Z`; milliseconds are written
    /// (`…25.250Z`) only when `unixSeconds` is not whole.
    public static func rfc3339(unixSeconds: Double) -> String {
        let milliseconds = (unixSeconds * 1000).rounded()
        let whole = (milliseconds / 1000).rounded(.down)
        let millisecond = Int(milliseconds - whole * 1000)
        let (days, secondOfDay) = split(whole)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let fraction = millisecond == 0 ? "" : "." + pad(millisecond, 3)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(clockText(secondOfDay))\(fraction)Z"
    }

    // MARK: - Calendar

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`);
    /// nil for a month or day that does not exist.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count from 1970-01-01 (Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whole seconds into (days, second of day), flooring for times before 1970.
    private static func split(_ seconds: Double) -> (days: Int, secondOfDay: Int) {
        let clamped = Swift.max(-1e15, Swift.min(1e15, seconds.isFinite ? seconds : 0))
        let whole = Int(clamped)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        return (days, whole - days * 86_400)
    }

    // MARK: - Text

    private static func clockTime(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
            let hour = unsignedInt(parts[0]), let minute = unsignedInt(parts[1]), let second = unsignedInt(parts[2]),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    private static func clockText(_ secondOfDay: Int) -> String {
        "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }

    private static func unsignedInt(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    /// `count` ASCII digits at `start`, nil when any is not a digit.
    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
