import Foundation
import NIOCore

extension ProxyServer {
    /// The cores this process may run on: its CPU affinity (`taskset`), read from
    /// `/proc/self/status` on Linux, bounded by what NIO sees (cgroup quotas). One
    /// event loop per such core; more would only share a core.
    public static var usableCores: Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
            let allowed = countCPUs(inList: line.dropFirst("Cpus_allowed_list:".count))
        else { return System.coreCount }
        return min(allowed, System.coreCount)
    }

    /// Counts the CPUs of a Linux CPU list such as `0-3,8,10-11`; nil when it is malformed or empty.
    static func countCPUs(inList list: Substring) -> Int? {
        var count = 0
        for range in list.split(separator: ",") {
            let bounds = range.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard bounds[0] != nil else { return nil }
                count += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
                count += high - low + 1
            default:
                return nil
            }
        }
        return count > 0 ? count : nil
    }
}
