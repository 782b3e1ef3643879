/// Compiles a ``RegexNode`` into a ``RegexProgram``.
struct RegexCompiler {
    /// Programs larger than this (deeply nested counted repetitions) are left to Swift's `Regex`.
    static let maximumInstructions = 4_096

    private var instructions: [RegexInstruction] = []
    private var sets: [ByteSet] = []

    /// Compiles `node`, followed by the final `match`.
    static func compile(_ node: RegexNode) throws(RegexParser.Unsupported) -> RegexProgram {
        var compiler = RegexCompiler()
        try compiler.emit(node)
        compiler.instructions.append(.match)
        return RegexProgram(instructions: compiler.instructions, sets: compiler.sets)
    }

    private var address: Int32 { Int32(instructions.count) }

    @discardableResult
    private mutating func append(_ instruction: RegexInstruction) throws(RegexParser.Unsupported) -> Int {
        guard instructions.count < Self.maximumInstructions else { throw RegexParser.Unsupported() }
        instructions.append(instruction)
        return instructions.count - 1
    }

    private mutating func emit(_ node: RegexNode) throws(RegexParser.Unsupported) {
        switch node {
        case .empty:
            break
        case .byte(let byte):
            try append(.byte(byte))
        case .set(let set):
            let index = sets.firstIndex(of: set) ?? sets.count
            if index == sets.count { sets.append(set) }
            try append(.set(Int32(index)))
        case .assertion(let assertion):
            try append(.assert(assertion))
        case .concatenation(let nodes):
            for node in nodes { try emit(node) }
        case .alternation(let branches):
            try emitAlternation(branches)
        case .repetition(let node, let min, let max, let greedy):
            try emitRepetition(node, min: min, max: max, greedy: greedy)
        }
    }

    /// `split next, alt; branch; jump end; alt: …` for every branch but the last.
    private mutating func emitAlternation(_ branches: [RegexNode]) throws(RegexParser.Unsupported) {
        var jumpsToEnd: [Int] = []
        for branch in branches.dropLast() {
            let split = try append(.split(0, 0))
            try emit(branch)
            jumpsToEnd.append(try append(.jump(0)))
            instructions[split] = .split(Int32(split + 1), address)
        }
        if let last = branches.last { try emit(last) }
        for jump in jumpsToEnd { instructions[jump] = .jump(address) }
    }

    /// `min` copies, then a loop (unbounded) or `max - min` optional copies.
    private mutating func emitRepetition(_ node: RegexNode, min: Int, max: Int?, greedy: Bool)
        throws(RegexParser.Unsupported)
    {
        for _ in 0..<min { try emit(node) }
        guard let max else {
            let loop = try append(.split(0, 0))
            try emit(node)
            try append(.jump(Int32(loop)))
            instructions[loop] = choice(enter: Int32(loop + 1), skip: address, greedy: greedy)
            return
        }
        var optionals: [Int] = []
        for _ in min..<max {
            optionals.append(try append(.split(0, 0)))
            try emit(node)
        }
        for split in optionals { instructions[split] = choice(enter: Int32(split + 1), skip: address, greedy: greedy) }
    }

    private func choice(enter: Int32, skip: Int32, greedy: Bool) -> RegexInstruction {
        greedy ? .split(enter, skip) : .split(skip, enter)
    }
}
