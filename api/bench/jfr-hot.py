#!/usr/bin/env python3
"""Hot frames of a JFR recording's execution samples (standard library only): where the api spent its CPU.

Usage: api/bench/jfr-hot.py <recording.jfr> [top]
Prints the most sampled methods by self time (top frame) and by total time (anywhere on the stack), and the
share of samples under each broad area (JDBC driver, Jackson, Vert.x/Netty, RESTEasy, Geopera code, JDK).
"""
import collections
import json
import subprocess
import sys


def frames(event):
    trace = event.get("values", {}).get("stackTrace") or {}
    for frame in trace.get("frames", []):
        method = frame.get("method", {})
        yield method.get("type", {}).get("name", "?").replace("/", ".") + "." + method.get("name", "?")


AREAS = [("JDBC driver", "org.postgresql."), ("Jackson", "com.fasterxml.jackson."),
         ("Vert.x/Netty", ("io.vertx.", "io.netty.")), ("RESTEasy", "org.jboss.resteasy."),
         ("Agroal pool", "io.agroal."), ("Geopera code", "com.geopera.")]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    text = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                          check=True, capture_output=True, text=True).stdout
    events = json.loads(text)["recording"]["events"]
    self_counts = collections.Counter()
    total_counts = collections.Counter()
    areas = collections.Counter()
    for event in events:
        stack = list(frames(event))
        if not stack:
            continue
        self_counts[stack[0]] += 1
        for name in set(stack):
            total_counts[name] += 1
        for area, prefix in AREAS:
            if any(name.startswith(prefix) for name in stack):
                areas[area] += 1
    n = max(1, len(events))
    print(f"{len(events)} execution samples")
    print("\nby area (a sample counts for every area on its stack):")
    for area, _ in AREAS:
        print(f"  {100.0 * areas[area] / n:5.1f} %  {area}")
    print(f"\ntop {top} by self time:")
    for name, count in self_counts.most_common(top):
        print(f"  {100.0 * count / n:5.1f} %  {name}")
    print(f"\ntop {top} by total time:")
    for name, count in total_counts.most_common(top):
        print(f"  {100.0 * count / n:5.1f} %  {name}")


if __name__ == "__main__":
    main()
