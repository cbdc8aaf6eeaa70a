/// Accumulates SVG elements and writes the document. Coordinates are printed with at most two
/// decimals (`12.5`, never `12.500000001`), so output is byte-identical across runs and machines.
struct SVGCanvas {
    enum Anchor: String { case start, middle, end }

    let width: Double
    let height: Double
    private var defs: [String] = []
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate or length: at most two decimals, trailing zeros trimmed, `-0` as `0`.
    static func num(_ x: Double) -> String {
        DecimalText.trimmingZeros(DecimalText.fixed(x, places: 2) ?? "0")
    }

    mutating func addDef(_ element: String) { defs.append(element) }

    mutating func add(_ element: String) { elements.append(element) }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1, rx: Double? = nil
    ) {
        var e = "<rect x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" width=\"\(Self.num(max(0, width)))\" height=\"\(Self.num(max(0, height)))\""
        if let rx { e += " rx=\"\(Self.num(rx))\"" }
        e += " fill=\"\(fill)\""
        if let stroke { e += " stroke=\"\(stroke)\" stroke-width=\"\(Self.num(strokeWidth))\"" }
        elements.append(e + "/>")
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        var e = "<line x1=\"\(Self.num(x1))\" y1=\"\(Self.num(y1))\" x2=\"\(Self.num(x2))\" y2=\"\(Self.num(y2))\""
        e += " stroke=\"\(stroke)\" stroke-width=\"\(Self.num(width))\""
        if let dash { e += " stroke-dasharray=\"\(dash)\"" }
        elements.append(e + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil) {
        let list = points.map { Self.num($0.0) + "," + Self.num($0.1) }.joined(separator: " ")
        var e = "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.num(width))\""
        e += " stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if let dash { e += " stroke-dasharray=\"\(dash)\"" }
        elements.append(e + "/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String) {
        let list = points.map { Self.num($0.0) + "," + Self.num($0.1) }.joined(separator: " ")
        elements.append("<polygon points=\"\(list)\" fill=\"\(fill)\"/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String) {
        elements.append("<circle cx=\"\(Self.num(cx))\" cy=\"\(Self.num(cy))\" r=\"\(Self.num(r))\" fill=\"\(fill)\"/>")
    }

    /// A text element with its baseline at `y`. With `maxWidth`, the text is truncated with `…`
    /// to fit (the full text is kept in a `<title>` child, shown as a tooltip by browsers).
    /// `rotate` turns the text about its anchor point, in degrees.
    mutating func text(
        _ content: String, x: Double, y: Double, size: Double = ChartStyle.labelSize, anchor: Anchor = .start,
        fill: String = ChartStyle.text, bold: Bool = false, maxWidth: Double? = nil, rotate: Double? = nil
    ) {
        let shown = maxWidth.map { TextMetrics.truncate(content, maxWidth: $0, size: size) } ?? content
        var e = "<text x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" font-size=\"\(Self.num(size))\""
        if anchor != .start { e += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != ChartStyle.text { e += " fill=\"\(fill)\"" }
        if bold { e += " font-weight=\"bold\"" }
        if let rotate { e += " transform=\"rotate(\(Self.num(rotate)) \(Self.num(x)) \(Self.num(y)))\"" }
        e += ">"
        if shown != content { e += "<title>\(XMLText.escape(content))</title>" }
        elements.append(e + XMLText.escape(shown) + "</text>")
    }

    /// The baseline that vertically centres text of `size` px on `centreY`.
    static func baseline(centredOn centreY: Double, size: Double) -> Double { centreY + size * 0.35 }

    /// The complete document: XML declaration, `<svg>` root with the font stack, `<title>` (the
    /// chart title, for accessibility), white background, then the elements in drawing order.
    func document(title: String) -> String {
        let w = Self.num(width), h = Self.num(height)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " font-family='\(ChartStyle.fontFamily)' fill=\"\(ChartStyle.text)\" role=\"img\">\n"
        out += "<title>\(XMLText.escape(title))</title>\n"
        if !defs.isEmpty { out += "<defs>\n" + defs.joined(separator: "\n") + "\n</defs>\n" }
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(ChartStyle.background)\"/>\n"
        for e in elements { out += e + "\n" }
        return out + "</svg>\n"
    }
}
