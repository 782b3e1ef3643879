-- wrk script for bench/proxy.sh: sends wrk's default request (GET of the URL given) and,
-- when the run ends, prints its totals as "@wrk key=value" lines for the script to read.
-- Latencies are in microseconds, the duration too.
-- With WRK_DELAY_MS set, each connection pauses that long after every answer: a paced load.
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pause then
    delay = function()
        return pause
    end
end

done = function(summary, latency, requests)
    local errors = summary.errors
    local values = {
        requests = summary.requests,
        duration_us = summary.duration,
        p50_us = latency:percentile(50),
        p99_us = latency:percentile(99),
        errors_connect = errors.connect,
        errors_read = errors.read,
        errors_write = errors.write,
        errors_timeout = errors.timeout,
        non2xx = errors.status,
    }
    for _, key in ipairs({ "requests", "duration_us", "p50_us", "p99_us", "errors_connect",
                           "errors_read", "errors_write", "errors_timeout", "non2xx" }) do
        io.write(string.format("@wrk %s=%d\n", key, values[key]))
    end
end
