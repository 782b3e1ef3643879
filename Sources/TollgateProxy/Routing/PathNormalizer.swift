/// Normalises request paths as RFC 3986 §6.2.2 describes, before routing.
///
/// 1. Percent-encoded unreserved characters (`ALPHA DIGIT - . _ ~`) are decoded:
///    `/%41` → `/A`; other escapes keep their encoding with uppercase hex digits
///    (`%2f` → `%2F`, so an encoded slash never becomes a separator).
/// 2. Dot segments are removed (`/a/./b/../c` → `/a/c`), after decoding, so `%2E%2E`
///    counts as `..`; a path that climbs above the root stays at `/` (`/../a` → `/a`).
/// 3. Runs of slashes are merged (`//a///b` → `/a/b`).
///
/// The normalised path is what routes match **and** what is forwarded upstream, so
/// an upstream never sees a path that routed differently from how it reads. Route
/// prefix paths go through the same steps when the table is built; regex paths only
/// through step 1 (a decoded `.` or `-` is escaped to stay literal).
enum PathNormalizer {
    /// The normalised form of `path`, or nil when `path` is already normal.
    static func normalize(_ path: Substring) -> String? {
        Array(path.utf8).withUnsafeBufferPointer { isNormalizationNeeded($0) ? normalize($0) : nil }
    }

    /// The normalised form of a path that ``isNormalizationNeeded(_:)`` says needs it:
    /// one pass, written straight into the new string (normalising never lengthens a path).
    static func normalize(_ path: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: max(path.count, 1)) { output in
            var length = 0
            var index = 0
            while index < path.count {
                // `index` is at a slash: copy the segment after it, decoded, then keep, drop or pop.
                output[length] = ASCII.slash
                let segmentStart = length + 1
                var end = segmentStart
                index += 1
                while index < path.count, path[index] != ASCII.slash {
                    let step = decodeOne(path, at: index, into: output, at: end)
                    index += step.read
                    end += step.written
                }
                let isLast = index == path.count
                switch SegmentKind(output[segmentStart..<end]) {
                case .empty, .current:
                    if isLast { length = segmentStart }
                case .parent:
                    while length > 0 {
                        length -= 1
                        if output[length] == ASCII.slash { break }
                    }
                    if isLast { length += 1 }
                case .name:
                    length = end
                }
            }
            if length == 0 {
                output[0] = ASCII.slash
                length = 1
            }
            return length
        }
    }

    /// What a path segment means for dot-segment removal.
    private enum SegmentKind {
        case empty, current, parent, name

        init(_ segment: Slice<UnsafeMutableBufferPointer<UInt8>>) {
            switch segment.count {
            case 0: self = .empty
            case 1 where segment.first == ASCII.dot: self = .current
            case 2 where segment.allSatisfy({ $0 == ASCII.dot }): self = .parent
            default: self = .name
            }
        }
    }

    /// Copies the byte at `index` to `output[position]` — or, for a `%XX` escape, its
    /// decoded unreserved character, or the escape with uppercase hex digits — and says
    /// how many bytes it read and wrote.
    private static func decodeOne(
        _ path: UnsafeBufferPointer<UInt8>, at index: Int, into output: UnsafeMutableBufferPointer<UInt8>,
        at position: Int
    ) -> (read: Int, written: Int) {
        let byte = path[index]
        guard byte == ASCII.percent, index + 2 < path.count, let high = ASCII.hexValue(path[index + 1]),
            let low = ASCII.hexValue(path[index + 2])
        else {
            output[position] = byte
            return (1, 1)
        }
        let value = high << 4 | low
        if ASCII.isUnreserved(value) {
            output[position] = value
            return (3, 1)
        }
        output[position] = byte
        output[position + 1] = uppercaseHex(path[index + 1])
        output[position + 2] = uppercaseHex(path[index + 2])
        return (3, 3)
    }

    /// A route's prefix path in normalised form.
    static func normalizeRoutePath(_ path: String) -> [UInt8] {
        normalize(path[...]).map { Array($0.utf8) } ?? Array(path.utf8)
    }

    /// A regex path's pattern with its escapes normalised like request paths; a decoded
    /// `.` or `-` is backslash-escaped so that it still matches only itself.
    static func normalizeRegexPattern(_ pattern: String) -> String {
        var output: [UInt8] = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3) { scratch in
            Array(pattern.utf8).withUnsafeBufferPointer { input in
                var index = 0
                while index < input.count {
                    let step = decodeOne(input, at: index, into: scratch, at: 0)
                    let decoded = step.read == 3 && step.written == 1
                    if decoded, scratch[0] == ASCII.dot || scratch[0] == UInt8(ascii: "-") {
                        output.append(UInt8(ascii: "\\"))
                    }
                    output.append(contentsOf: scratch[0..<step.written])
                    index += step.read
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether a path starting with `/` has an escape to decode or uppercase, a dot
    /// segment or a run of slashes: false for most paths, which are then used as they
    /// are, without allocating. Targets that are not paths (`*`) are left alone.
    static func isNormalizationNeeded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.first == ASCII.slash else { return false }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.percent, index + 2 < bytes.count, let high = ASCII.hexValue(bytes[index + 1]),
                let low = ASCII.hexValue(bytes[index + 2])
            {
                let isLowercaseHex = isLowercaseHexLetter(bytes[index + 1]) || isLowercaseHexLetter(bytes[index + 2])
                if ASCII.isUnreserved(high << 4 | low) || isLowercaseHex { return true }
                index += 3
                continue
            }
            if byte == ASCII.slash, index + 1 < bytes.count,
                bytes[index + 1] == ASCII.slash || bytes[index + 1] == ASCII.dot,
                isDotSegmentOrEmpty(bytes, from: index + 1)
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether the segment starting at `start` is empty (a doubled slash), `.` or `..`.
    private static func isDotSegmentOrEmpty(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var end = start
        while end < bytes.count, bytes[end] != ASCII.slash, end - start < 3 { end += 1 }
        let length = end - start
        let isSegmentEnd = end == bytes.count || bytes[end] == ASCII.slash
        guard isSegmentEnd else { return false }
        if length == 0 { return end < bytes.count }
        return (1...2).contains(length) && (start..<end).allSatisfy { bytes[$0] == ASCII.dot }
    }

    private static func isLowercaseHexLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static func uppercaseHex(_ byte: UInt8) -> UInt8 {
        isLowercaseHexLetter(byte) ? byte - 0x20 : byte
    }
}
