import Glibc

/// sluice-fixtures: deterministic fixture and benchmark data for Sluice.
///
///   sluice-fixtures demo --out fixtures/demo
///   sluice-fixtures large --rows N --out DIR
let usage = """
    usage: sluice-fixtures demo [--out DIR]            (default DIR: fixtures/demo)
           sluice-fixtures large --rows N --out DIR
    Output is deterministic: the same command writes the same bytes on every run.
    """

var arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else {
    fputs(usage + "\n", stderr)
    exit(2)
}
arguments.removeFirst()
var options: [String: String] = [:]
var i = 0
while i < arguments.count {
    let key = arguments[i]
    guard key.hasPrefix("--"), i + 1 < arguments.count else {
        fputs("sluice-fixtures: unexpected argument '\(key)'\n" + usage + "\n", stderr)
        exit(2)
    }
    options[String(key.dropFirst(2))] = arguments[i + 1]
    i += 2
}

func stripSlash(_ s: String) -> String { s.count > 1 && s.hasSuffix("/") ? String(s.dropLast()) : s }

switch mode {
case "demo":
    for key in options.keys where key != "out" {
        fputs("sluice-fixtures: unknown option --\(key)\n" + usage + "\n", stderr)
        exit(2)
    }
    DemoSet.write(out: stripSlash(options["out"] ?? "fixtures/demo"))
case "large":
    for key in options.keys where key != "out" && key != "rows" {
        fputs("sluice-fixtures: unknown option --\(key)\n" + usage + "\n", stderr)
        exit(2)
    }
    guard let rowsText = options["rows"], let rows = Int(rowsText.replacingUnderscores()), rows > 0 else {
        fputs("sluice-fixtures: large needs --rows N (a positive whole number)\n" + usage + "\n", stderr)
        exit(2)
    }
    guard let out = options["out"] else {
        fputs("sluice-fixtures: large needs --out DIR\n" + usage + "\n", stderr)
        exit(2)
    }
    LargeSet.write(rows: rows, out: stripSlash(out))
case "-h", "--help", "help":
    print(usage)
default:
    fputs("sluice-fixtures: unknown mode '\(mode)'\n" + usage + "\n", stderr)
    exit(2)
}

extension String {
    /// `10_000_000` → `10000000`
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
