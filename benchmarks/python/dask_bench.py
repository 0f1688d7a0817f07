"""The Dask side of the queue tables (issue 14): the same jobs as raw BullMQ's and QueueExecutor's, on Dask distributed.

Called by benchmarks/lib/jobs (never imported): `python3 dask_bench.py '<json>'` with
{"op": "bulk" | "latency" | "map", "size", "warmup", "reps", "workers", "args"}; for "map", args.via is
"client" (client.map) or "executor" (client.get_executor().map, the concurrent.futures view).
Prints one JSON line {"samples": [...], "unit": "ms"} on stdout.

The cluster is a LocalCluster of `workers` worker processes with one thread each (as the Node rows run that many
worker processes), started and warmed up before the clock starts, as the other adapters exclude their pool's
start-up, and closed fully at the end. The workers keep their files in Dask's default place
(TMPDIR/dask-worker-space), where a later cluster purges what a killed one left. Every task is submitted with
pure=False: Dask would otherwise give equal calls one key and reuse a result still held from the warm-up, so a run
could skip work the other systems do.
"""

import json
import logging
import signal
import sys
import time

# The result check of the other Python rows (this script's folder is on sys.path when it runs).
from futures_bench import check_doubles


def double(x):
    return x * 2


# ---- workloads: each returns elapsed milliseconds ----------------------------------------------------------------


def op_bulk(client, n, args):
    """One task per item, all submitted at once (client.submit), then all gathered."""
    start = time.perf_counter()
    futures = [client.submit(double, i, pure=False) for i in range(n)]
    results = client.gather(futures)
    elapsed = time.perf_counter() - start
    check_doubles(results)
    return elapsed * 1000


def op_latency(client, n, args):
    """Sequential round trips: each task's result awaited before the next is submitted."""
    start = time.perf_counter()
    for i in range(n):
        if client.submit(double, i, pure=False).result() != i * 2:
            raise AssertionError(f"task {i} returned a wrong result")
    return (time.perf_counter() - start) * 1000


def op_map(client, n, args):
    """client.map (one task per item: it has no chunksize) or the executor view's map, results in order."""
    start = time.perf_counter()
    if args.get("via") == "executor":
        # ClientExecutor.map takes chunksize for compatibility and ignores it: still one task per item.
        results = list(client.get_executor(pure=False).map(double, range(n), chunksize=args["chunksize"]))
    else:
        results = client.gather(client.map(double, range(n), pure=False))
    elapsed = time.perf_counter() - start
    check_doubles(results)
    return elapsed * 1000


def start_cluster(workers):
    """A LocalCluster of `workers` processes × 1 thread, every worker connected, and a client on it."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    client.wait_for_workers(workers)
    # Every worker has run a task (and loaded this module's function) before the clock starts.
    check_doubles(client.gather(client.map(double, range(workers * 4), pure=False)))
    return cluster, client


def main():
    spec = json.loads(sys.argv[1])
    op = globals()["op_" + spec["op"]]
    args = spec.get("args") or {}
    # Stopped from outside (SIGTERM), close the cluster as on a normal exit rather than leave its workers behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster = client = None
    try:
        cluster, client = start_cluster(spec["workers"])
        samples = []
        if spec.get("warmup"):
            op(client, spec["warmup"], args)
        for _ in range(spec["reps"]):
            samples.append(op(client, spec["size"], args))
        print(json.dumps({"samples": samples, "unit": "ms"}), flush=True)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
