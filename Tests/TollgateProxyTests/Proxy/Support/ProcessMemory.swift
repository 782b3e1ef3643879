import Foundation

/// The test process's resident memory (the proxy runs inside it).
enum ProcessMemory {
    /// `VmRSS` from `/proc/self/status`, in bytes (0 where there is no procfs).
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kilobytes * 1024
    }

    /// Runs `body` while sampling the resident size every few milliseconds; returns
    /// its result and the largest growth over the size before it started.
    static func peakGrowth<Result>(during body: () async throws -> Result) async throws -> (Result, growth: Int) {
        let baseline = residentBytes()
        return try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                var peak = 0
                while !Task.isCancelled {
                    peak = max(peak, residentBytes())
                    try? await Task.sleep(for: .milliseconds(5))
                }
                return peak
            }
            let result = try await body()
            group.cancelAll()
            let peak = max(try await group.next() ?? 0, residentBytes())
            return (result, peak - baseline)
        }
    }
}
