/// The brand's own tracking: user-level events as JSON lines, one gzip file per ISO week, with
/// nested keys and the inconsistencies of several SDK versions writing into one log.
enum EventsExport {
    /// Lines cut off mid-record (the log shipper was restarted): (week index, line number in the file).
    static let truncated: [(week: Int, line: Int)] = [(1, 412), (2, 1_037), (3, 219)]
    static let blankLines: [(week: Int, line: Int)] = [(0, 150), (0, 151), (3, 1_200)]

    static func write(journeys: Journeys, out: String, log: DirtLog) {
        let events = journeys.events
        var duplicate: Event?
        for week in 0..<5 {
            let from = Cal.at(Demo.start + 7 * week, 0)
            let to = from + 7 * 86400
            let name = "events/events_\(Cal.iso(Demo.start + 7 * week)).jsonl.gz"
            let file = OutputFile(out + "/" + name, gzipLevel: 6)
            var lineNo = 0
            var records = 0
            func line(_ text: String) {
                lineNo += 1
                file.write(text); file.endLine()
            }
            func emitBlanks() {
                while blankLines.contains(where: { $0.week == week && $0.line == lineNo + 1 }) {
                    line("")
                    log.dirt(name, "line \(lineNo): blank line → ignored")
                }
            }
            if let dup = duplicate {
                // The export window overlapped the previous file by a few seconds.
                line(json(dup))
                records += 1
                log.dirt(name, "line 1: event \(dup.id) repeats the last line of the previous week's file (export windows overlapped) → stored once")
            }
            let inWeek = events.filter { $0.at >= from && $0.at < to }
            for e in inWeek {
                emitBlanks()
                var text = json(e)
                if truncated.contains(where: { $0.week == week && $0.line == lineNo + 1 }) {
                    text = String(text.prefix(text.count * 3 / 5))
                    log.dirt(name, "line \(lineNo + 1): truncated JSON (event \(e.id) cut off) → quarantined")
                } else if e.user == 0 {
                    log.dirt(name, "line \(lineNo + 1): event \(e.id) has no user id (visitor not logged in: \"user\":{\"anon_id\":…}) → quarantined")
                }
                line(text)
                records += 1
            }
            file.close()
            duplicate = inWeek.last
            log.rows(name, records, extra: "events")
        }
        log.dirt("events/events_*.jsonl.gz", "ts is epoch milliseconds (a JSON number) from the content-platform link tracking and a local-time string '2026-10-05 12:00:00' from the mini-program server; value (add_to_cart only) sometimes a number (59, 129), sometimes a string (\"59.00\"), in yuan; keys user.id, content.id, utm.campaign, utm.kol are nested and absent when not applicable")
    }

    /// One event as a JSON line.
    static func json(_ e: Event) -> String {
        var s = "{\"id\":\"\(e.id)\","
        if e.user == 0 {
            s += "\"user\":{\"anon_id\":\"a_\(Fmt.padded(e.seq * 7919 % 1_000_000, 6))f3\"},"
        } else {
            s += "\"user\":{\"id\":\"\(Journeys.userID(e.user))\"},"
        }
        if e.platform == "miniprogram" {
            s += "\"ts\":\"\(Cal.dateTime(e.at))\","
        } else {
            s += "\"ts\":\(Cal.epochMillis(e.at) + Int64(e.millis)),"
        }
        s += "\"platform\":\"\(e.platform)\",\"channel\":\"\(e.channel)\",\"event\":\"\(e.name)\""
        if let c = e.content { s += ",\"content\":{\"id\":" + Fmt.json(c) + "}" }
        var utm: [String] = []
        if let c = e.campaign { utm.append("\"campaign\":\"\(c)\"") }
        if let k = e.kol { utm.append("\"kol\":\"\(k)\"") }
        if !utm.isEmpty { s += ",\"utm\":{" + utm.joined(separator: ",") + "}" }
        if let v = e.valueFen {
            if fnv1a64(e.id) % 100 < 35 {  // older SDK versions send a string
                s += ",\"value\":\"\(Fmt.yuan(v))\""
            } else {
                s += ",\"value\":" + Fmt.yuanSpreadsheet(v)
            }
        }
        s += ",\"os\":\"\(e.os)\"}"
        return s
    }
}
