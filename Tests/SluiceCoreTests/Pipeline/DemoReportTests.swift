import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SluiceCore

/// Writes the demo's reports from an ingested demo database and checks every file against the
/// committed golden copies under Tests/SluiceCoreTests/Golden/reports/.
@Suite("Demo reports", .serialized)
struct DemoReportTests {
    func build(_ from: String, _ to: String, locale: ReportLocale) throws -> [ReportFile] {
        let dir = try TemporaryDirectory()
        let (_, database) = try DemoIngestTests.ingestDemo(into: dir)
        var definition = try DefinitionLoader.load(path: Golden.repository.appendingPathComponent("pipelines/demo.yaml").path)
        definition.databasePath = database.path
        let window = ReportWindow(from: LocalDate(iso: from)!, to: LocalDate(iso: to)!, timeZone: definition.timeZone)
        return try ReportRunner(definition: definition, database: database, locale: locale).build(window: window)
    }

    @Test(arguments: [("2026-10-05", "2026-11-08", ReportLocale.zh), ("2026-11-02", "2026-11-08", ReportLocale.en)])
    func reportsMatchTheGoldenFiles(from: String, to: String, locale: ReportLocale) throws {
        let files = try build(from, to, locale: locale)
        let names = Set(files.map(\.name))
        for required in ["summary.md", "kpi.md", "kpi.csv", "kpi_daily.csv", "quality.md", "quality.csv"] {
            #expect(names.contains(required), "\(required)")
        }
        for file in files {
            try Golden.check(file.data, against: "reports/\(from)_\(to)_\(locale.rawValue)/\(file.name)")
        }
        // CSV files carry a BOM for spreadsheet programs; SVG charts are well-formed XML.
        for file in files where file.name.hasSuffix(".csv") { #expect(Array(file.data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(file.name)") }
        for file in files where file.name.hasSuffix(".svg") {
            let parser = XMLParser(data: file.data)
            #expect(parser.parse(), "\(file.name) is not well-formed XML")
        }
    }

    @Test func theSameDatabaseAndWindowGiveIdenticalFiles() throws {
        let a = try build("2026-11-02", "2026-11-08", locale: .zh)
        let b = try build("2026-11-02", "2026-11-08", locale: .zh)
        #expect(a == b)
    }

    @Test func nightlyWindowsAreRelativeToToday() {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let windows = NightlyWindows.resolve(["yesterday", "week_to_date", "month_to_date", "last_35_days"],
                                             today: LocalDate(iso: "2026-11-09")!, timeZone: zone)
        #expect(windows.map(\.folderName) == ["2026-11-08_2026-11-08", "2026-11-02_2026-11-08", "2026-11-01_2026-11-08", "2026-10-05_2026-11-08"])
        // On a Monday the week to date is last week; on the 1st the month to date is last month.
        let monday = NightlyWindows.resolve(["week_to_date", "month_to_date"], today: LocalDate(iso: "2026-12-01")!, timeZone: zone)
        #expect(monday.map(\.folderName) == ["2026-11-30_2026-11-30", "2026-11-01_2026-11-30"])
        #expect(NightlyWindows.lastDays("last_7_days") == 7)
        #expect(NightlyWindows.lastDays("last_x_days") == nil)
    }
}
