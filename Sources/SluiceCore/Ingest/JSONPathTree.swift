/// The requested dotted key paths as a tree of keys, so that one pass over a JSON object finds
/// every requested value.
///
/// Stored flat (plain arrays of integers and one pool of key bytes) so that lookups on the hot
/// path copy no nested arrays.
struct JSONPathTree {
    /// Children of node `n` are the edges `firstEdge[n] ..< firstEdge[n] + edgeCount[n]`; node 0 is
    /// the root (the line's object).
    private let firstEdge: [Int]
    private let edgeCount: [Int]
    /// Each edge's key (a range of `keyBytes`) and the node it leads to.
    private let edgeKeyStart: [Int]
    private let edgeKeyLength: [Int]
    private let edgeTarget: [Int]
    private let keyBytes: [UInt8]
    /// Indices of the requested paths that end at node `n`: `valuePool[valueRange(n)]`.
    let valuePool: [Int]
    private let valueStart: [Int]
    /// Indices of the requested paths that end at node `n` or below it: `subtreePool[subtreeRange(n)]`.
    let subtreePool: [Int]
    private let subtreeStart: [Int]
    let pathCount: Int

    init(paths: [String]) {
        // Build a nested tree first, then lay it out flat.
        var keys: [[[UInt8]]] = [[]]
        var children: [[Int]] = [[]]
        var values: [[Int]] = [[]]
        var subtree: [[Int]] = [[]]
        for (index, path) in paths.enumerated() {
            var node = 0
            for component in path.split(separator: ".", omittingEmptySubsequences: false) {
                let key = Array(component.utf8)
                if let k = keys[node].firstIndex(of: key) {
                    node = children[node][k]
                } else {
                    keys.append([])
                    children.append([])
                    values.append([])
                    subtree.append([])
                    let child = keys.count - 1
                    keys[node].append(key)
                    children[node].append(child)
                    node = child
                }
                subtree[node].append(index)
            }
            values[node].append(index)
        }
        var firstEdge: [Int] = [], edgeCount: [Int] = []
        var edgeKeyStart: [Int] = [], edgeKeyLength: [Int] = [], edgeTarget: [Int] = [], keyBytes: [UInt8] = []
        for node in keys.indices {
            firstEdge.append(edgeTarget.count)
            edgeCount.append(keys[node].count)
            for (key, child) in zip(keys[node], children[node]) {
                edgeKeyStart.append(keyBytes.count)
                edgeKeyLength.append(key.count)
                edgeTarget.append(child)
                keyBytes += key
            }
        }
        self.firstEdge = firstEdge
        self.edgeCount = edgeCount
        self.edgeKeyStart = edgeKeyStart
        self.edgeKeyLength = edgeKeyLength
        self.edgeTarget = edgeTarget
        self.keyBytes = keyBytes
        (valuePool, valueStart) = JSONPathTree.flatten(values)
        (subtreePool, subtreeStart) = JSONPathTree.flatten(subtree)
        self.pathCount = paths.count
    }

    /// All lists concatenated, and where each starts (one extra entry marks the end).
    private static func flatten(_ lists: [[Int]]) -> ([Int], [Int]) {
        var pool: [Int] = []
        var starts: [Int] = []
        for list in lists {
            starts.append(pool.count)
            pool += list
        }
        starts.append(pool.count)
        return (pool, starts)
    }

    @inline(__always) func valueRange(_ node: Int) -> Range<Int> { valueStart[node]..<valueStart[node + 1] }
    @inline(__always) func subtreeRange(_ node: Int) -> Range<Int> { subtreeStart[node]..<subtreeStart[node + 1] }

    /// Whether any requested path goes below `node`.
    @inline(__always) func hasChildren(_ node: Int) -> Bool { edgeCount[node] > 0 }

    /// The child of `node` whose key equals `key`.
    func child(of node: Int, key: UnsafeBufferPointer<UInt8>) -> Int? {
        let first = firstEdge[node]
        let length = key.count
        return keyBytes.withUnsafeBufferPointer { pool -> Int? in
            for edge in first..<first + edgeCount[node] where edgeKeyLength[edge] == length {
                let start = edgeKeyStart[edge]
                var k = 0
                while k < length && pool[start + k] == key[k] { k += 1 }
                if k == length { return edgeTarget[edge] }
            }
            return nil
        }
    }
}
