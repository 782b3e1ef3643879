/// A compiled path regex, run by a backtracking search that remembers the
/// (instruction, position) states it has tried.
///
/// Alternatives are tried in the order the pattern states them (greedy before lazy),
/// so the first match found is the one a backtracking engine such as PCRE reports;
/// remembering states bounds the work by instructions × (text length + 1), so no
/// pattern can take exponential time. Runs on the stack: no heap allocation for
/// programs and paths of ordinary size.
struct RegexProgram: Sendable {
    let instructions: [RegexInstruction]
    let sets: [ByteSet]
    /// How many `split`s the program has: each can push one pending state per position.
    private let splitCount: Int

    init(instructions: [RegexInstruction], sets: [ByteSet]) {
        self.instructions = instructions
        self.sets = sets
        self.splitCount = instructions.reduce(0) { count, instruction in
            if case .split = instruction { count + 1 } else { count }
        }
    }

    /// Matches from the start of `text`; the length of the match, or nil when there is none.
    func prefixMatchLength(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        let columns = text.count + 1
        let stateCount = instructions.count * columns
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (stateCount + 63) / 64) { visited in
            visited.initialize(repeating: 0)
            return withUnsafeTemporaryAllocation(of: (Int32, Int32).self, capacity: splitCount * columns + 1) {
                pending in
                instructions.withUnsafeBufferPointer { program in
                    sets.withUnsafeBufferPointer { sets in
                        var search = Search(
                            program: program, sets: sets, text: text, visited: visited, pending: pending)
                        return search.run()
                    }
                }
            }
        }
    }

    /// One run: the visited bit set and the stack of pending (instruction, position) states.
    private struct Search {
        let program: UnsafeBufferPointer<RegexInstruction>
        let sets: UnsafeBufferPointer<ByteSet>
        let text: UnsafeBufferPointer<UInt8>
        let visited: UnsafeMutableBufferPointer<UInt64>
        let pending: UnsafeMutableBufferPointer<(Int32, Int32)>
        var pendingCount = 0

        /// Marks a state as tried; false when it already was.
        private func firstVisit(_ pc: Int, _ position: Int) -> Bool {
            let state = pc * (text.count + 1) + position
            let bit = UInt64(1) << UInt64(state & 63)
            if visited[state >> 6] & bit != 0 { return false }
            visited[state >> 6] |= bit
            return true
        }

        private func isWordByte(at position: Int) -> Bool {
            position >= 0 && position < text.count && ByteSet.wordCharacters.contains(text[position])
        }

        private func holds(_ assertion: RegexAssertion, at position: Int) -> Bool {
            switch assertion {
            case .start: position == 0
            case .end: position == text.count
            case .wordBoundary: isWordByte(at: position - 1) != isWordByte(at: position)
            case .notWordBoundary: isWordByte(at: position - 1) == isWordByte(at: position)
            }
        }

        mutating func run() -> Int? {
            guard firstVisit(0, 0) else { return nil }
            pending[0] = (0, 0)
            pendingCount = 1
            while pendingCount > 0 {
                pendingCount -= 1
                var (pc, position) = (Int(pending[pendingCount].0), Int(pending[pendingCount].1))
                thread: while true {
                    switch program[pc] {
                    case .match:
                        return position
                    case .byte(let byte):
                        guard position < text.count, text[position] == byte else { break thread }
                        pc += 1
                        position += 1
                    case .set(let index):
                        guard position < text.count, sets[Int(index)].contains(text[position]) else { break thread }
                        pc += 1
                        position += 1
                    case .assert(let assertion):
                        guard holds(assertion, at: position) else { break thread }
                        pc += 1
                    case .jump(let target):
                        pc = Int(target)
                    case .split(let preferred, let alternative):
                        if firstVisit(Int(alternative), position) {
                            pending[pendingCount] = (alternative, Int32(position))
                            pendingCount += 1
                        }
                        pc = Int(preferred)
                    }
                    guard firstVisit(pc, position) else { break thread }
                }
            }
            return nil
        }
    }
}
