/// Douyin shop (抖店) order export: GB18030, CRLF, one row per sub-order, 19-digit ids written as a
/// tab followed by the digits, `-` for empty cells, personal fields masked or encrypted.
enum DoudianExport {
    static let header = ["主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商家编码", "订单应付金额", "运费", "买家ID",
                         "收件人", "收件人手机号", "详细地址", "订单提交时间", "商家备注", "订单完成时间", "订单状态", "售后状态",
                         "取消原因", "发货时间", "平台实际承担优惠金额", "商家实际承担优惠金额", "达人实际承担优惠金额", "达人ID", "流量体裁"]

    struct Export {
        let name: String
        let from: Int
        let to: Int
        let exportedAt: Int64
        let spreadsheet: Bool
    }

    static let exports = [
        Export(name: "doudian/orders_2026-10-19.csv", from: Cal.day(2026, 10, 5), to: Cal.day(2026, 10, 18),
               exportedAt: Cal.at(Cal.day(2026, 10, 19), 9, 12, 40), spreadsheet: false),
        Export(name: "doudian/orders_2026-10-26_resaved.csv", from: Cal.day(2026, 10, 12), to: Cal.day(2026, 10, 25),
               exportedAt: Cal.at(Cal.day(2026, 10, 26), 10, 5, 13), spreadsheet: true),
        Export(name: "doudian/orders_2026-11-09.csv", from: Cal.day(2026, 10, 19), to: Cal.day(2026, 11, 8),
               exportedAt: Cal.at(Cal.day(2026, 11, 9), 9, 30, 2), spreadsheet: false),
    ]

    static let unknownStatus = "待审核"

    static let sourceLabel = ["live": "直播", "short_video": "短视频", "product_card": "商品卡", "search": "搜索"]

    static func write(journeys: Journeys, out: String, log: DirtLog) {
        let orders = journeys.orders.filter { $0.platform == "doudian" }
        var pii = SplitMix64("doudian-personal-fields")
        // Personal fields are fixed per buyer so every export shows the same masked text.
        var personal: [Int: [String]] = [:]
        for o in orders where personal[o.user] == nil { personal[o.user] = maskedPerson(&pii) }
        var remarks = SplitMix64("doudian-remarks")
        var remarkFor: [String: String] = [:]
        for o in orders {
            remarkFor[o.id] = remarks.chance(0.06) ? remarks.pick(["送礼，请勿放价格单", "加急发货", "顺丰可以吗", "已备注赠品"]) : "-"
        }
        // The spreadsheet file carries one id pasted from an ERP export as ="…"; pick an order that
        // the next export also contains, so the unwrapped id must match it.
        let wrapped = orders.first { Cal.dayOf($0.submittedAt) >= Cal.day(2026, 10, 21) && $0.lines.count == 1 }!
        // The last export has one row whose status the value map does not know.
        let unknown = orders.last { Cal.dayOf($0.submittedAt) <= Cal.day(2026, 11, 7) && $0.lines.count == 1 }!
        var previous: [String: String] = [:]  // sub-order id → status in an earlier export
        for export in exports {
            var lines: [String] = [Fmt.csvLine(header)]
            var changed: [String] = []
            var rowCount = 0
            for o in orders where Cal.dayOf(o.submittedAt) >= export.from && Cal.dayOf(o.submittedAt) <= export.to
                && o.submittedAt <= export.exportedAt {
                var (status, afterSale) = o.doudianStatus(at: export.exportedAt)
                if o === unknown && !export.spreadsheet && export.to == Demo.end {
                    status = unknownStatus
                    log.dirt(export.name, "line \(lines.count + 1): order \(o.id) has 订单状态 '\(unknownStatus)', which demo.yaml's value map does not know → quarantined (1 row of the file, under the 5% limit)")
                }
                let p = personal[o.user]!
                for (j, line) in o.lines.enumerated() {
                    var subID: String? = nil
                    if export.spreadsheet && o === wrapped {
                        subID = "=\"" + line.subID + "\""
                        log.dirt(export.name, "line \(lines.count + 1): 子订单编号 written as =\"\(line.subID)\" (pasted from an ERP export) → read as \(line.subID), the same order as in the next export")
                    }
                    let row = rowFields(o, line: j, status: status, afterSale: afterSale, exportedAt: export.exportedAt,
                                        spreadsheet: export.spreadsheet, personal: p, remark: remarkFor[o.id]!, subIDText: subID)
                    lines.append(row.map(Fmt.csv).joined(separator: ","))
                    rowCount += 1
                    if let before = previous[line.subID], before != status { changed.append("\(line.subID) \(before)→\(status)") }
                    previous[line.subID] = status
                }
            }
            let file = OutputFile(out + "/" + export.name, encoding: .gb18030, crlf: true)
            for l in lines { file.write(l); file.endLine() }
            file.close()
            log.rows(export.name, rowCount, extra: "sub-order rows, orders submitted \(Cal.iso(export.from))…\(Cal.iso(export.to)), status as of \(Cal.dateTime(export.exportedAt))")
            if !changed.isEmpty {
                let refunds = changed.filter { $0.hasSuffix("退款成功") }.count
                log.dirt(export.name, "\(changed.count) sub-order rows already in an earlier export changed status (\(refunds) now 退款成功) → the later export replaces them")
            }
        }
        let gifts = orders.filter { $0.lines.contains { $0.product.code == Catalog.gift.code } }.count
        let multi = orders.filter { $0.lines.count > 1 }.count
        log.dirt("doudian/orders_*.csv", "GB18030, CRLF; ids as TAB + 19 digits; `-` for empty; \(multi) orders have more than one sub-order row, \(gifts) of them a 0.00 gift line (QL-900); 收件人/收件人手机号/详细地址 masked or encrypted and never mapped; 买家ID is the shop's desensitised buyer id, matching the tracking user ids")
        log.dirt("doudian/orders_2026-10-26_resaved.csv", "re-saved by a spreadsheet: dates as 2026/10/12 20:31 (yyyy/m/d h:mm, seconds lost), money without trailing zeros (138, 56.5)")
    }

    /// The cells of one sub-order row as the export shows it at `exportedAt`.
    static func rowFields(_ o: Order, line j: Int, status: String, afterSale: String, exportedAt: Int64, spreadsheet: Bool,
                          personal p: [String], remark: String, subIDText: String? = nil) -> [String] {
        let line = o.lines[j]
        func time(_ t: Int64?) -> String {
            guard let t, t <= exportedAt else { return "-" }
            return spreadsheet ? Cal.spreadsheetDateTime(t) : Cal.dateTime(t)
        }
        func money(_ fen: Int) -> String { spreadsheet ? Fmt.yuanSpreadsheet(fen) : Fmt.yuan(fen) }
        let first = j == 0
        return [
            "\t" + o.id, subIDText ?? "\t" + line.subID, line.product.name, line.product.spec, String(line.quantity),
            line.product.code, money(line.payableFen), money(0), Journeys.userID(o.user), p[0], p[1], p[2],
            time(o.submittedAt), remark, time(o.completedAt), status, afterSale,
            status == "已关闭" ? o.cancelReason : "-", time(o.shippedAt),
            money(first ? o.platformDiscountFen : 0), money(first ? o.merchantDiscountFen : 0), money(0),
            o.kolID ?? "-", sourceLabel[o.source]!,
        ]
    }

    static func maskedPerson(_ rng: inout SplitMix64) -> [String] {
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
        let name = String(rng.pick(surnames)) + "**"
        let b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let phone = "#" + rng.string(24, from: b64) + "==#" + rng.digits(4, first: "0123456789") + "#" + rng.string(8, from: b64) + "#"
        let region = rng.pick(["浙江省 杭州市 西湖区", "上海市 上海市 浦东新区", "广东省 深圳市 南山区", "北京市 北京市 朝阳区",
                               "江苏省 苏州市 工业园区", "四川省 成都市 武侯区", "湖北省 武汉市 洪山区", "福建省 厦门市 思明区"])
        let address = region + " #" + rng.string(32, from: b64) + "#"
        return [name, phone, address]
    }
}
