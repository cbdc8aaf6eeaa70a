import Foundation

/// Finds the files a source's glob matches under the input root, in sorted path order.
public enum FileDiscovery {
    /// Relative paths (with `/` separators) under `root` that match `glob`, sorted.
    public static func files(matching glob: String, under root: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: regexPattern(forGlob: glob))
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: root)
        else {
            throw SluiceError(.io, "the input folder does not exist or cannot be read", file: root,
                              hint: "check `input_root` in the pipeline definition")
        }
        var matches: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType != .typeRegular { continue }
            let range = NSRange(relative.startIndex..., in: relative)
            if regex.firstMatch(in: relative, options: [.anchored], range: range)?.range == range {
                matches.append(relative)
            }
        }
        return matches.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Why `glob` cannot be used, or nil: globs are matched under the input root, so they may not
    /// be absolute or climb out of it with `..`.
    public static func globProblem(_ glob: String) -> String? {
        if glob.hasPrefix("/") || glob.hasPrefix("~") {
            return "must be relative to input_root, not `\(glob)`; to read files elsewhere, set input_root to that folder (an absolute path is fine there)"
        }
        if glob.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return "may not climb out of input_root with `..` (`\(glob)`); to read files elsewhere, set input_root to that folder"
        }
        return nil
    }

    /// Translates a glob into an anchored regular expression: `*` and `?` stay within one folder
    /// name, `**/` crosses folders, `[…]` is a character set.
    public static func regexPattern(forGlob glob: String) -> String {
        var pattern = "^"
        var chars = Array(glob)[...]
        while let c = chars.popFirst() {
            switch c {
            case "*":
                if chars.first == "*" {
                    chars.removeFirst()
                    if chars.first == "/" {
                        chars.removeFirst()
                        pattern += "(?:.*/)?"
                    } else {
                        pattern += ".*"
                    }
                } else {
                    pattern += "[^/]*"
                }
            case "?": pattern += "[^/]"
            case "[":
                if let close = chars.firstIndex(of: "]") {
                    var set = String(chars[chars.startIndex..<close])
                    if set.hasPrefix("!") { set = "^" + set.dropFirst() }
                    pattern += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    chars = chars[(close + 1)...]
                } else {
                    pattern += "\\["
                }
            default:
                pattern += NSRegularExpression.escapedPattern(for: String(c))
            }
        }
        return pattern + "$"
    }
}
