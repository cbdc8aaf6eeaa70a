/// The brand mini-program's order export (JSON lines, not compressed): one line per order,
/// money in fen (WeChat Pay's total_fee), statuses already paid / completed / refunded.
enum MiniProgramExport {
    struct Export { let name: String; let from: Int; let to: Int; let exportedAt: Int64 }

    static let exports = [
        Export(name: "miniprogram/orders_2026-10-26.jsonl", from: Cal.day(2026, 10, 5), to: Cal.day(2026, 10, 25),
               exportedAt: Cal.at(Cal.day(2026, 10, 26), 8, 0)),
        Export(name: "miniprogram/orders_2026-11-09.jsonl", from: Cal.day(2026, 10, 19), to: Cal.day(2026, 11, 8),
               exportedAt: Cal.at(Cal.day(2026, 11, 9), 8, 0)),
    ]

    static func write(journeys: Journeys, out: String, log: DirtLog) {
        let orders = journeys.orders.filter { $0.platform == "miniprogram" }
        var ids = SplitMix64("miniprogram-openid")
        var openid: [Int: String] = [:]
        for o in orders where openid[o.user] == nil {
            openid[o.user] = "oQl" + ids.string(25, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        }
        var previous: [String: String] = [:]
        for export in exports {
            let file = OutputFile(out + "/" + export.name)
            var rows = 0
            var changed = 0
            for o in orders where Cal.dayOf(o.submittedAt) >= export.from && Cal.dayOf(o.submittedAt) <= export.to {
                let status = o.miniStatus(at: export.exportedAt)
                let json = self.json(o, status: status, openid: openid[o.user]!)
                file.write(json); file.endLine()
                rows += 1
                if let before = previous[o.id], before != status { changed += 1 }
                previous[o.id] = status
            }
            file.close()
            log.rows(export.name, rows, extra: "orders created \(Cal.iso(export.from))…\(Cal.iso(export.to)), status as of \(Cal.dateTime(export.exportedAt))")
            if changed > 0 {
                log.dirt(export.name, "\(changed) orders already in the earlier export changed status (paid→completed, or →refunded) → the later export replaces them")
            }
        }
        log.dirt("miniprogram/orders_*.jsonl", "total_fee in fen (unit: fen); nested keys buyer.user_id, sku.code, attribution.*; openid present and not mapped")
    }

    /// One order as a JSON line.
    static func json(_ o: Order, status: String, openid: String) -> String {
        let line = o.lines[0]
        var attribution: [String] = []
        if let c = o.contentID { attribution.append("\"content_id\":" + Fmt.json(c)) }
        if let k = o.kolID { attribution.append("\"kol_id\":" + Fmt.json(k)) }
        if let c = o.campaignID { attribution.append("\"campaign_id\":" + Fmt.json(c)) }
        var json = "{\"order_no\":\(Fmt.json(o.id)),\"buyer\":{\"user_id\":\(Fmt.json(Journeys.userID(o.user))),\"openid\":\(Fmt.json(openid))}"
        json += ",\"created_at\":\(Fmt.json(Cal.dateTime(o.submittedAt))),\"status\":\(Fmt.json(status))"
        json += ",\"total_fee\":\(line.payableFen),\"quantity\":\(line.quantity)"
        json += ",\"sku\":{\"code\":\(Fmt.json(line.product.code)),\"name\":\(Fmt.json(line.product.name))}"
        json += ",\"scene\":\(Fmt.json(o.source)),\"attribution\":{" + attribution.joined(separator: ",") + "}}"
        return json
    }
}
