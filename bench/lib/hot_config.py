"""Hot-configuration measurements for bench/hot-config.sh, on loopback only.

  routable  --api URL --token T --proxy URL --count N
      creates N routes one after another on the service "hot" and, for each, polls the
      proxy until the new path answers 200; prints the latency from the admin API's
      answer to the first 200 as key=value lines (p50_ms, p99_ms, max_ms).
  changes   --api URL --token T --count N
      applies N admin changes as fast as one connection allows (services and routes
      created and updated, the measured service updated in place); prints changes=N and
      seconds=S. Fails on any answer other than 200/201.
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse


class Client:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, base, token=None):
        parsed = urllib.parse.urlsplit(base)
        self.prefix = parsed.path.rstrip("/")
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token

    def send(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, self.prefix + path, body=data, headers=self.headers)
        response = self.connection.getresponse()
        payload = response.read()
        return response.status, payload


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def routable(args):
    admin = Client(args.api, args.token)
    proxy = Client(args.proxy)
    latencies = []
    for index in range(args.count):
        path = f"/hot-{index}"
        status, payload = admin.send("POST", "/services/hot/routes", {"name": f"hot-{index}", "paths": [path]})
        if status != 201:
            sys.exit(f"creating route {index} answered {status}: {payload[:300]!r}")
        acknowledged = time.perf_counter()
        deadline = acknowledged + 5
        while True:
            status, _ = proxy.send("GET", path)
            if status == 200:
                break
            if time.perf_counter() > deadline:
                sys.exit(f"route {path} was not routable within 5 s (last status {status})")
        latencies.append((time.perf_counter() - acknowledged) * 1000)
    print(f"p50_ms={percentile(latencies, 0.50):.2f}")
    print(f"p99_ms={percentile(latencies, 0.99):.2f}")
    print(f"max_ms={max(latencies):.2f}")


def changes(args):
    admin = Client(args.api, args.token)
    started = time.perf_counter()
    for change in range(args.count):
        index = (change // 4) % 50
        kind = change % 4
        if kind == 0:
            request = ("POST", "/services", {"name": f"churn-{index}", "url": args.backend, "retries": change % 7})
        elif kind == 1:
            request = ("POST", f"/services/churn-{index}/routes",
                       {"name": f"churn-{index}", "paths": [f"/churn-{index}"], "tags": [f"t{change}"]})
        elif kind == 2:
            request = ("POST", "/services", {"name": "hot", "url": args.backend, "read_timeout_ms": 60000 + change})
        else:
            request = ("POST", "/services/hot/routes", {"name": "main", "paths": ["/"], "tags": [f"t{change}"]})
        status, payload = admin.send(*request)
        if status not in (200, 201):
            sys.exit(f"change {change} ({request[0]} {request[1]}) answered {status}: {payload[:300]!r}")
    print(f"changes={args.count}")
    print(f"seconds={time.perf_counter() - started:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    measure = commands.add_parser("routable")
    measure.add_argument("--proxy", required=True)
    measure.add_argument("--count", type=int, default=200)
    churn = commands.add_parser("changes")
    churn.add_argument("--backend", required=True)
    churn.add_argument("--count", type=int, default=1000)
    for command in (measure, churn):
        command.add_argument("--api", required=True)
        command.add_argument("--token", required=True)
    args = parser.parse_args()
    routable(args) if args.command == "routable" else changes(args)


if __name__ == "__main__":
    main()
