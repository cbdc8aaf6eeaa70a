/// The language of a report's labels and prose numbers (`zh` or `en`). CSV output does not depend
/// on it: CSV always carries exact, locale-free values.
public enum ReportLocale: String, Sendable, CaseIterable, Codable {
    case zh, en
}
