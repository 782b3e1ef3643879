#!/usr/bin/env python3
"""Load client for the Tollgate management API, used by bench/admin.sh.

  admin_load.py upsert --api URL --token T --count N --concurrency C --first K
      POSTs N services named bench-K … bench-(K+N-1) over C keep-alive connections
      and prints the rate and latency percentiles as `key=value` lines.
  admin_load.py list --api URL --token T --size S --expect E --rounds R
      Pages through GET /services?size=S by following `next`, R times, checking once
      that E services come back, and prints the median and p99 of a full listing.

Standard library only; loopback only; every request has a timeout.
"""
import argparse
import asyncio
import http.client
import json
import math
import statistics
import sys
import time
import urllib.parse

REQUEST_TIMEOUT_S = 30


def percentile(samples, fraction):
    """The nearest-rank percentile of `samples` (0 < fraction <= 1)."""
    ordered = sorted(samples)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def loopback_endpoint(api):
    """Host, port and base path of the API URL; refuses anything but 127.0.0.1."""
    url = urllib.parse.urlsplit(api)
    if url.scheme != "http" or url.hostname != "127.0.0.1" or url.port is None:
        sys.exit(f"--api must be http://127.0.0.1:PORT/..., got {api}")
    return url.hostname, url.port, url.path.rstrip("/")


async def read_response(reader):
    """Reads one HTTP/1.1 response (Content-Length or chunked); returns (status, body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return status, b"".join(chunks)
            chunks.append(chunk[:-2])
    return status, b""


async def upsert_worker(host, port, path, token, names, latencies, failures):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for name in names:
            body = json.dumps({"name": name, "url": "http://127.0.0.1:9/"}).encode()
            request = (
                f"POST {path}/services HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode() + body
            started = time.perf_counter()
            writer.write(request)
            status, answer = await asyncio.wait_for(read_response(reader), REQUEST_TIMEOUT_S)
            latencies.append(time.perf_counter() - started)
            if status != 201:
                failures.append(f"{name}: {status} {answer[:200]!r}")
    finally:
        writer.close()


async def upsert(args):
    host, port, path = loopback_endpoint(args.api)
    names = [f"bench-{index}" for index in range(args.first, args.first + args.count)]
    shares = [names[worker :: args.concurrency] for worker in range(args.concurrency)]
    latencies, failures = [], []
    started = time.perf_counter()
    await asyncio.gather(
        *(upsert_worker(host, port, path, args.token, share, latencies, failures) for share in shares if share)
    )
    elapsed = time.perf_counter() - started
    print(f"requests={len(latencies)}")
    print(f"failures={len(failures)}")
    print(f"seconds={elapsed:.3f}")
    print(f"per_second={len(latencies) / elapsed:.0f}")
    print(f"p50_ms={percentile(latencies, 0.50) * 1000:.2f}")
    print(f"p99_ms={percentile(latencies, 0.99) * 1000:.2f}")
    for failure in failures[:5]:
        print(f"failure: {failure}", file=sys.stderr)
    return 1 if failures else 0


def fetch(connection, target, token):
    connection.request("GET", target, headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit(f"GET {target} answered {response.status}: {body[:200]!r}")
    return body


def next_page(body):
    """The `next` member of a list body, read from its end (keys are sorted: data, next, offset)
    so that timing a listing does not time the client's JSON parsing of every entry."""
    start = body.rfind(b'"next":')
    end = body.rfind(b',"offset":')
    if start < 0 or end < start:
        sys.exit("a list body has no trailing next/offset members")
    return json.loads(body[start + len(b'"next":') : end])


def listing(connection, path, token, size, verify):
    """Follows `next` from the first page to the last; returns the number of services seen."""
    target = f"{path}/services?size={size}"
    seen = 0
    for _ in range(100_000):
        body = fetch(connection, target, token)
        if verify:
            page = json.loads(body)
            seen += len(page["data"])
            target = page["next"]
        else:
            target = next_page(body)
        if target is None:
            return seen
    sys.exit("listing did not end after 100000 pages")


def list_services(args):
    host, port, path = loopback_endpoint(args.api)
    connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)
    seen = listing(connection, path, args.token, args.size, verify=True)
    if seen != args.expect:
        sys.exit(f"a full listing returned {seen} services, expected {args.expect}")
    durations = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        listing(connection, path, args.token, args.size, verify=False)
        durations.append(time.perf_counter() - started)
    print(f"rounds={args.rounds}")
    print(f"services={seen}")
    print(f"median_ms={statistics.median(durations) * 1000:.1f}")
    print(f"p99_ms={percentile(durations, 0.99) * 1000:.1f}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("upsert", "list"):
        command = commands.add_parser(name)
        command.add_argument("--api", required=True, help="http://127.0.0.1:PORT/api/v1/gateway")
        command.add_argument("--token", required=True)
    commands.choices["upsert"].add_argument("--count", type=int, required=True)
    commands.choices["upsert"].add_argument("--first", type=int, default=0)
    commands.choices["upsert"].add_argument("--concurrency", type=int, default=32)
    commands.choices["list"].add_argument("--size", type=int, default=1000)
    commands.choices["list"].add_argument("--expect", type=int, required=True)
    commands.choices["list"].add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    if args.command == "upsert":
        return asyncio.run(upsert(args))
    return list_services(args)


if __name__ == "__main__":
    sys.exit(main())
