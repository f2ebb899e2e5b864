#!/usr/bin/env python3
"""Why a measurement's p99 is what it is (standard library only): GC, PostgreSQL or the CPU scheduler.

Usage: api/bench/tail-causes.py <windows.txt> <gc.log> <postgresql.log or -> <database> <slow-ms>
windows.txt has one line per measured window, written by api/bench/lists:
  phase name start_ms end_ms p99 api_before api_after pg_before pg_after
where api_* is "cpu_ns:wait_ns" summed over the api's threads (/proc/<pid>/task/*/schedstat) and pg_* is a
comma-separated list of "pid:cpu_ns:wait_ns" of the database's backends. wait_ns is the time a thread was runnable
but waited for a CPU (the scheduler's run queue). The gc.log is the api's -Xlog:gc with the timemillis decoration;
the PostgreSQL log lines are those of log_min_duration_statement = slow-ms, set on the scratch database only.
Prints, per window: the GC pauses that ended in it (count, total, longest), the statements of that database that
took at least slow-ms (count, longest), and the CPU and run-queue wait of the api and of the backends.
"""
import datetime
import re
import sys

# "[12.345s][1764710000123ms][info][gc] GC(7) Pause Young (Allocation Failure) 390M->28M(759M) 5.421ms": the
# decorations come in the JVM's order, so the epoch milliseconds are found, not anchored.
GC_PAUSE = re.compile(r"\[(\d+)ms\].*\bPause\b.*\s([0-9.]+)ms$")
PG_SLOW = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (\S+) \[\d+\] \S*@(\S+) LOG:  duration: ([0-9.]+) ms")


def gc_pauses(path):
    pauses = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = GC_PAUSE.search(line.strip())
            if match:
                pauses.append((int(match.group(1)), float(match.group(2))))
    return pauses


def slow_statements(path, database):
    if path == "-":
        return None
    statements = []
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                match = PG_SLOW.match(line)
                if not match or match.group(3) != database:
                    continue
                if match.group(2) != "UTC":
                    raise SystemExit("the PostgreSQL log's time zone is %s; only UTC is read" % match.group(2))
                ended = datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(
                    tzinfo=datetime.timezone.utc)
                statements.append((int(ended.timestamp() * 1000), float(match.group(4))))
    except OSError:
        return None
    return statements


def api_delta(before, after):
    cpu_before, wait_before = (int(v) for v in before.split(":"))
    cpu_after, wait_after = (int(v) for v in after.split(":"))
    return (cpu_after - cpu_before) / 1e6, (wait_after - wait_before) / 1e6


def backends_delta(before, after):
    """CPU and run-queue wait (ms) summed over the backends present at both ends of the window."""
    def parse(text):
        rows = {}
        for entry in filter(None, text.split(",")):
            pid, cpu, wait = entry.split(":")
            rows[pid] = (int(cpu), int(wait))
        return rows
    start, end = parse(before), parse(after)
    both = start.keys() & end.keys()
    cpu = sum(end[p][0] - start[p][0] for p in both) / 1e6
    wait = sum(end[p][1] - start[p][1] for p in both) / 1e6
    return cpu, wait, len(both)


def within(events, start, end):
    return [value for at, value in events if start <= at <= end]


def main():
    windows_path, gc_path, pg_path, database, slow_ms = sys.argv[1:6]
    pauses = gc_pauses(gc_path)
    slow = slow_statements(pg_path, database)
    print("== why the tail: per window, GC pauses of the api, PostgreSQL statements >= %s ms, "
          "CPU and run-queue wait ==" % slow_ms)
    print("%-10s %-20s %9s | %-28s | %-22s | %-24s | %-28s" % (
        "phase", "measurement", "p99", "api GC pauses n/total/max", "PG slow stmts n/max",
        "api CPU / run-queue wait", "PG backends CPU / wait"))
    with open(windows_path, encoding="utf-8") as windows:
        for line in windows:
            phase, name, start, end, p99, api_before, api_after, pg_before, pg_after = line.split()
            start, end = int(start), int(end)
            gc = within(pauses, start, end)
            gc_text = "%d / %.0f ms / %.1f ms" % (len(gc), sum(gc), max(gc, default=0.0))
            if slow is None:
                pg_text = "log not readable"
            else:
                statements = within(slow, start, end)
                pg_text = "%d / %.1f ms" % (len(statements), max(statements, default=0.0))
            api_cpu, api_wait = api_delta(api_before, api_after)
            pg_cpu, pg_wait, backends = backends_delta(pg_before, pg_after)
            seconds = (end - start) / 1000
            print("%-10s %-20s %9s | %-28s | %-22s | %-24s | %-28s" % (
                phase, name, p99, gc_text, pg_text,
                "%.0f / %.0f ms per s" % (api_cpu / seconds, api_wait / seconds),
                "%.0f / %.0f ms per s (%d)" % (pg_cpu / seconds, pg_wait / seconds, backends)))


if __name__ == "__main__":
    main()
