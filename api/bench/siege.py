"""The siege itself (api/bench/siege starts the api and calls this): header-only connections, RSS, job.get latency."""
import argparse
import http.client
import json
import socket
import statistics
import time


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def bodies_reading(port):
    """The api's own gauge of requests waiting for their body (-1 when the api does not have it)."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/q/metrics")
        for line in conn.getresponse().read().decode().splitlines():
            if line.startswith("geopera_http_bodies_reading"):
                return float(line.split()[-1])
    except OSError:
        pass
    return -1


def job_get(port, token, job, count):
    """Times count job.get calls on one keep-alive connection; returns (latencies in ms, failures)."""
    latencies, failures = [], 0
    body = json.dumps({"job_id": job})
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(count):
        start = time.perf_counter()
        try:
            conn.request("POST", "/v1/op/processing.job.get", body, headers)
            response = conn.getresponse()
            answer = json.loads(response.read())
            ok = response.status == 200 and answer.get("job_id") == job
        except (OSError, http.client.HTTPException, ValueError):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append((time.perf_counter() - start) * 1000)
        failures += 0 if ok else 1
    conn.close()
    return latencies, failures


def summary(latencies):
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered):.1f} ms, p99 {p99:.1f} ms, max {ordered[-1]:.1f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--job", required=True)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--hold", type=float, default=15)
    parser.add_argument("--declared", type=int, default=1_000_000)
    args = parser.parse_args()

    job_get(args.port, args.token, args.job, 200)  # warm-up
    before, failures = job_get(args.port, args.token, args.job, 500)
    print(f"before:  RSS {rss_mib(args.pid):.0f} MiB; job.get x500 {summary(before)}, failures {failures}")

    head = (f"POST /v1/op/processing.execute HTTP/1.1\r\nHost: 127.0.0.1:{args.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {args.declared}\r\n\r\n").encode()
    siege, refused = [], 0
    started = time.monotonic()
    for _ in range(args.connections):
        try:
            s = socket.create_connection(("127.0.0.1", args.port), timeout=10)
            s.sendall(head)
            siege.append(s)
        except OSError:
            refused += 1
    opened = time.monotonic() - started
    print(f"siege:   {len(siege)} header-only connections declaring {args.declared} bytes opened in {opened:.1f} s "
          f"({refused} refused); api waiting for {bodies_reading(args.port):.0f} bodies")
    during, failures = [], 0
    peak = rss_mib(args.pid)
    while time.monotonic() - started < args.hold:
        latencies, failed = job_get(args.port, args.token, args.job, 50)
        during += latencies
        failures += failed
        peak = max(peak, rss_mib(args.pid))
    print(f"during:  RSS {rss_mib(args.pid):.0f} MiB (peak {peak:.0f}); job.get x{len(during)} {summary(during)}, "
          f"failures {failures}; api waiting for {bodies_reading(args.port):.0f} bodies after {args.hold:.0f} s")
    closed_by_api = 0
    for s in siege:
        s.setblocking(False)
        try:
            if s.recv(4096)[:12] in (b"HTTP/1.1 408", b""):
                closed_by_api += 1
        except BlockingIOError:
            pass
        except OSError:
            closed_by_api += 1
        s.close()
    time.sleep(2)
    after, failures = job_get(args.port, args.token, args.job, 500)
    print(f"after:   RSS {rss_mib(args.pid):.0f} MiB; job.get x500 {summary(after)}, failures {failures}; "
          f"{closed_by_api} siege connections had been answered 408 or closed by the api")


if __name__ == "__main__":
    main()
