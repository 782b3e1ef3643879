import NIOCore
import NIOHTTP1
import Testing

/// A message part as the parser tests compare them: the head as text, bodies of one run joined.
enum ReadPart: Equatable {
    case head(String, [String])
    case body(String)
    case end([String]?)

    static func ended(with trailers: HTTPHeaders?) -> ReadPart {
        .end(trailers.map(lines))
    }

    static func lines(_ headers: HTTPHeaders) -> [String] {
        headers.map { "\($0.name)=\($0.value)" }
    }
}

/// Feeds `text` to a parser `step` bytes at a time (`append`), taking the parts it has
/// after each (`next`, nil when it needs more); adjacent bodies are joined.
func readInSteps(
    _ text: String, step: Int, append: (ByteBuffer) -> Void, next: () throws -> ReadPart?
) throws -> [ReadPart] {
    var parts: [ReadPart] = []
    let bytes = Array(text.utf8)
    var offset = 0
    repeat {
        let end = min(offset + step, bytes.count)
        append(ByteBuffer(bytes: bytes[offset..<end]))
        offset = end
        while let part = try next() {
            if case .body(let later) = part, case .body(let earlier) = parts.last {
                parts[parts.count - 1] = .body(earlier + later)
            } else {
                parts.append(part)
            }
        }
    } while offset < bytes.count
    return parts
}

/// The parts `read` finds in `text` fed whole, checked to be the same whatever the size
/// of the pieces it arrives in.
func readAnySplit(_ text: String, read: (_ text: String, _ step: Int) throws -> [ReadPart]) throws -> [ReadPart] {
    let whole = try read(text, text.utf8.count)
    for step in 1..<min(text.utf8.count, 40) {
        #expect(try read(text, step) == whole, "split every \(step) bytes")
    }
    return whole
}
