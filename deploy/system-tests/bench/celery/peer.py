"""The Celery + Redis peer of the cost benchmark (issue 18): the same harness runs no-op tasks through Celery so that
its task rate sits in the same table as our job rate.

    /usr/bin/python3 peer.py worker --redis URL --concurrency N     a Celery worker (prefork pool, N processes)
    /usr/bin/python3 peer.py enqueue --redis URL --tasks N --threads T
        enqueues N no-op tasks from T threads, waits for every result and prints one JSON line:
        {"tasks": N, "enqueue_seconds": s, "enqueue_per_s": r, "end_to_end_seconds": s, "tasks_per_s": r}

Celery does no authentication, no ledger, no outbox and no GDAL: the figure shows what a job queue's own overhead
costs on the same cores, not a like-for-like job.
"""
import argparse
import json
import sys
import threading
import time

from celery import Celery


def make_app(redis_url):
    app = Celery("geopera_peer", broker=redis_url, backend=redis_url)
    app.conf.update(task_acks_late=True, worker_prefetch_multiplier=1, result_expires=600,
                    broker_connection_retry_on_startup=True, worker_hijack_root_logger=False)

    @app.task(name="noop")
    def noop(i):
        return i

    return app, noop


def enqueue(app, noop, tasks, threads):
    results = [None] * tasks

    def submit(start):
        for i in range(start, tasks, threads):
            results[i] = noop.delay(i)

    began = time.perf_counter()
    pool = [threading.Thread(target=submit, args=(t,)) for t in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    enqueued = time.perf_counter() - began
    for i, result in enumerate(results):
        if result.get(timeout=600) != i:
            raise SystemExit("task %d returned a wrong value" % i)
    ended = time.perf_counter() - began
    return {"tasks": tasks, "enqueue_seconds": round(enqueued, 3), "enqueue_per_s": round(tasks / enqueued, 1),
            "end_to_end_seconds": round(ended, 3), "tasks_per_s": round(tasks / ended, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["worker", "enqueue"])
    parser.add_argument("--redis", required=True)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    app, noop = make_app(args.redis)
    if args.mode == "worker":
        app.worker_main(["worker", "--pool", "prefork", "--concurrency", str(args.concurrency),
                         "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"])
    else:
        print(json.dumps(enqueue(app, noop, args.tasks, args.threads)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
