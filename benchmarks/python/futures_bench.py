"""The Python side of `npm run bench`: the same workloads on CPython's concurrent.futures.

Called by benchmarks/lib/measure (never imported): `python3 futures_bench.py '<json>'` with
{"op", "kind": "thread" | "process" | "serial", "size", "warmup", "reps", "workers", "args"}.
Prints one JSON line {"samples": [...], "unit": "ms" | "value"} on stdout. The tasks are the same as the Node
side's (benchmarks/workers/tasks.cjs): double, fib, size.
"""

import gc
import json
import os
import sys
import threading
import time
import tracemalloc
from concurrent.futures import (
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
    wait,
)


def double(x):
    return x * 2


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def size(data):
    return len(data)


def hold(seconds):
    time.sleep(seconds)


def fibonacci(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def check_doubles(results):
    for i, result in enumerate(results):
        if result != i * 2:
            raise AssertionError(f"result {i} is {result}")


# ---- workloads: each returns elapsed milliseconds, or ("value", v) for a measured quantity ----------------------


def op_bulk(pool, n, args):
    start = time.perf_counter()
    futures = [pool.submit(double, i) for i in range(n)]
    results = [f.result() for f in futures]
    elapsed = time.perf_counter() - start
    check_doubles(results)
    return elapsed * 1000


def op_latency(pool, n, args):
    start = time.perf_counter()
    for i in range(n):
        if pool.submit(double, i).result() != i * 2:
            raise AssertionError("wrong result")
    return (time.perf_counter() - start) * 1000


def op_map(pool, n, args):
    start = time.perf_counter()
    results = list(pool.map(double, range(n), chunksize=args["chunksize"]))
    elapsed = time.perf_counter() - start
    check_doubles(results)
    return elapsed * 1000


def op_cpu(pool, n, args):
    k = args["fib"]
    start = time.perf_counter()
    if pool is None:
        results = [fib(k) for _ in range(n)]
    else:
        results = [f.result() for f in [pool.submit(fib, k) for _ in range(n)]]
    elapsed = time.perf_counter() - start
    if any(r != fibonacci(k) for r in results):
        raise AssertionError("wrong Fibonacci number")
    return elapsed * 1000


def op_payload(pool, n, args):
    nbytes = args["bytes"]
    in_flight = args["inFlight"]
    start = time.perf_counter()
    pending = []
    for _ in range(n):
        if len(pending) >= in_flight:
            if pending.pop(0).result() != nbytes:
                raise AssertionError("wrong size")
        pending.append(pool.submit(size, bytes(nbytes)))
    for f in pending:
        if f.result() != nbytes:
            raise AssertionError("wrong size")
    return (time.perf_counter() - start) * 1000


def done_futures(n):
    futures = []
    for i in range(n):
        f = Future()
        f.set_result(i)
        futures.append(f)
    return futures


def op_asCompleted(pool, n, args):
    futures = done_futures(n)
    start = time.perf_counter()
    count = sum(1 for _ in as_completed(futures))
    elapsed = time.perf_counter() - start
    if count != n:
        raise AssertionError("as_completed lost futures")
    return elapsed * 1000


def op_wait(pool, n, args):
    futures = done_futures(n)
    start = time.perf_counter()
    done, _ = wait(futures)
    elapsed = time.perf_counter() - start
    if len(done) != n:
        raise AssertionError("wait lost futures")
    return elapsed * 1000


def op_memory(pool, n, args):
    """Bytes per queued future: every worker held busy, n tasks queued behind, traced with tracemalloc."""
    holds = [pool.submit(hold, 600) for _ in range(pool._max_workers)]
    deadline = time.time() + 10
    while not all(f.running() for f in holds):
        if time.time() > deadline:
            raise AssertionError("the hold tasks did not start")
        time.sleep(0.005)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    futures = [pool.submit(double, i) for i in range(n)]
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    if futures[-1].running() or futures[-1].done():
        raise AssertionError("the queued tasks started before memory was measured")
    return ("value", (after - before) / n)


def make_pool(kind, workers):
    if kind == "thread":
        return ThreadPoolExecutor(max_workers=workers)
    if kind == "process":
        return ProcessPoolExecutor(max_workers=workers)
    return None


def start_workers(pool, workers):
    """Starts every worker before the clock does (a pool spawns lazily), as the Node side warms up too."""
    if pool is not None:
        list(pool.map(double, range(workers * 4)))


def main():
    spec = json.loads(sys.argv[1])
    op = globals()["op_" + spec["op"]]
    args = spec.get("args") or {}
    pool = make_pool(spec["kind"], spec["workers"])
    start_workers(pool, spec["workers"])
    unit = "ms"
    samples = []
    if spec.get("warmup"):
        op(pool, spec["warmup"], args)
    for _ in range(spec["reps"]):
        outcome = op(pool, spec["size"], args)
        if isinstance(outcome, tuple):
            unit, outcome = outcome
        samples.append(outcome)
    print(json.dumps({"samples": samples, "unit": unit}), flush=True)
    if pool is not None and spec["op"] == "memory":
        # The hold tasks would keep the pool busy for minutes: stop the workers and leave at once.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        os._exit(0)
    if pool is not None:
        pool.shutdown(wait=True)


if __name__ == "__main__":
    main()
