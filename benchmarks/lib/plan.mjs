// The seven workloads of the benchmark issue as tables of rows. A row is one system (an adapter) running one op;
// every row of a table does the same work with the same worker count. `ref` names the row each row's ratio is
// taken against (rxfutures of the same kind: thread peers against the thread pool, process peers against the
// process pool). Sizes are per mode; `cap` gives a row fewer items when the full size would take minutes, noted.

const THREAD_PEERS = ['piscina', 'tinypool', 'workerpool', 'poolifier-thread', 'threads-pool', 'threads-spawn', 'raw-worker-threads'];
const PROCESS_PEERS = ['tinypool-process', 'workerpool-process', 'poolifier-cluster', 'raw-fork'];
/** The thread pools of the pinned round trip: the raw floor and the pools users pick (threads.js is over 1 ms). */
const PINNED_THREADS = ['raw-worker-threads', 'piscina', 'tinypool', 'workerpool', 'poolifier-thread'];
/** Runs per system where a target says "ahead": 5 processes × 2 timed runs = 10 samples, interleaved. */
const AHEAD_ROUNDS = 5;
/**
 * The warm-up of the bulk tables: one full pass of each row's own size. After a tenth of a pass the first timed run
 * still took up to three times the second (rxfutures' thread pool 84 then 44, 30, 26 ms; raw postMessage 67 then 60,
 * 50, 43 ms), so the median of two runs mixed warm and cold figures.
 */
const WARM_PASS = 'pass';
/**
 * Processes per row of the wide tables whose targets leave a wide margin or that name no target (2 × 2 runs = 4
 * samples, 8 where a table runs 4 per process), so that a full run stays within 10 minutes.
 */
const BRIEF_ROUNDS = 2;
/** The concurrency of the event-loop table: p-limit's and p-map's usual setting, AsyncExecutor's maxWorkers. */
const LOOP_CONCURRENCY = 8;
/** The queue rows: raw BullMQ first (the reference), rxfutures' QueueExecutor, then Dask's (daskRow), where installed. */
const QUEUE_SYSTEMS = ['raw-bullmq', 'rxfutures-queue'];

/**
 * A Dask row of the queue tables: `how` names the Dask calls (shown after the adapter's label), and `full` caps its
 * items, since Dask takes milliseconds per task where the queues take microseconds.
 */
const daskRow = (how, full, extra = {}) => ({
  adapter: 'dask',
  how,
  cap: { full, quick: Math.min(full, 100) },
  note:
    'fewer items, to keep the run short: Dask runs one task per item at milliseconds each; in one cluster, 300 and 2,000 tasks cost the same per task within the noise (3.4–6.1 and 3.9–4.8 ms in bulk, load 9)',
  ...extra,
});

/** The rxfutures adapter of each executor kind: a row's default reference is the one of its own kind. */
export const RXFUTURES = { thread: 'rxfutures-thread', process: 'rxfutures-process', loop: 'rxfutures-async' };

/**
 * The systems of `--quick`: rxfutures, the raw floors, piscina (the best-known pool), RxJS, Python's process pool
 * and the serial baselines; the other peers only run in the full benchmark.
 */
export const QUICK_SYSTEMS = [
  ...Object.values(RXFUTURES),
  'rxfutures-core',
  'raw-worker-threads',
  'raw-fork',
  'piscina',
  'rxjs',
  'node-baseline',
  'python-serial',
  'python-process',
];

/** threads.js queues a listener per call, so its cost grows with the tasks in flight (O(n²) in a bulk run). */
const threadsCap = (full, quick) => ({
  cap: { full, quick },
  note: 'fewer tasks: threads.js adds a message listener per call, so its cost per task grows with the tasks in flight; at the full size it is slower still',
});

/** A row that runs fewer items in the full run (its cost per item does not depend on the count), noted. */
const slow = (full) => ({
  cap: { full, quick: full },
  note: 'fewer items, to keep the run short: the cost per item does not depend on the count here',
});

/** The operator rows measured where mergeMap's buffer of waiting source values stays short, warmed up fully. */
const shortSource = {
  cap: { full: 10_000, quick: 2_000 },
  warmup: 10_000,
  // A run takes milliseconds, so one GC pause moves it a lot: many runs per process.
  reps: 10,
  note: 'a shorter source, warmed up on a full pass, 10 timed runs per process: mergeMap keeps every waiting source value in a buffer, and its cost per item grows with that buffer',
};

/**
 * The tables for a run.
 * @param options.quick - the smoke-test sizes.
 * @param options.workers - worker count for every pool.
 */
export function plan({ quick, workers }) {
  const size = (full, small) => (quick ? small : full);
  const inFlight = 2 * workers;
  const tables = [
    {
      id: 'bulk',
      workload: 1,
      title: 'Trivial tasks in bulk',
      what: `${size(20_000, 2_000).toLocaleString('en')} tasks \`x => x * 2\` submitted at once, then all awaited with Promise.all`,
      op: 'bulk',
      size: size(20_000, 2_000),
      warmup: WARM_PASS,
      rounds: quick ? undefined : BRIEF_ROUNDS,
      metric: 'perItem',
      unit: 'us/task',
      rows: [
        ...Object.values(RXFUTURES),
        'rxfutures-thread-module',
        ...THREAD_PEERS.map((adapter) => (adapter === 'threads-pool' ? { adapter, ...threadsCap(1_000, 1_000) } : adapter === 'threads-spawn' ? { adapter, ...threadsCap(2_000, 1_000) } : adapter)),
        ...PROCESS_PEERS.map((adapter) => (adapter === 'raw-fork' ? adapter : { adapter, ...slow(10_000) })),
        'python-thread',
        { adapter: 'python-process', ...slow(5_000) },
      ],
    },
    ...[
      ['bulk-object', 'bulkObject', 'an object argument', 'each given a fresh `{ id, values }` with 16 numbers'],
      ['bulk-buffer', 'bulkBuffer', 'a 4 KB Buffer argument', 'each given a fresh 4 KB Buffer (its number in the first bytes)'],
    ].map(([id, op, title, what]) => ({
      id,
      workload: 1,
      title: `Tasks in bulk with ${title}`,
      what:
        `${size(20_000, 2_000).toLocaleString('en')} tasks submitted at once, ${what}, then all awaited with ` +
        'Promise.all: the arguments must be copied, at submit for the pools (a task sees them as they were then)',
      op,
      size: size(20_000, 2_000),
      warmup: WARM_PASS,
      metric: 'perItem',
      unit: 'us/task',
      rows: ['rxfutures-thread', 'rxfutures-process', { adapter: 'piscina', ...slow(10_000) }, 'raw-worker-threads', 'raw-fork'],
    })),
    {
      id: 'latency',
      workload: 2,
      title: 'Sequential submit-then-await latency',
      what: `${size(1_000, 200).toLocaleString('en')} tasks one after the other, each awaited before the next is submitted`,
      op: 'latency',
      size: size(1_000, 200),
      // After a tenth of a pass the process pool's first timed run still took three times its third (120 then 52,
      // 39 ms; each worker process JIT-compiles its own side), and workerpool's process pool twice.
      warmup: WARM_PASS,
      rounds: quick ? undefined : BRIEF_ROUNDS,
      metric: 'perItem',
      unit: 'us/round trip',
      rows: [
        ...Object.values(RXFUTURES),
        ...THREAD_PEERS.map((adapter) => (adapter === 'threads-pool' ? { adapter, cap: { full: 300, quick: 100 }, note: 'fewer tasks: over 1 ms each' } : adapter)),
        ...PROCESS_PEERS,
        'python-thread',
        'python-process',
      ],
    },
    {
      id: 'latency-pinned',
      workload: 2,
      title: 'Sequential round trip, pinned to one CPU',
      what:
        `${size(2_000, 200).toLocaleString('en')} tasks one after the other, each awaited before the next is submitted, ` +
        'every process of this table (the caller and its workers) pinned to CPU 0 with `taskset -c 0`, so no wake-up ' +
        'crosses CPUs: what is left is each system\'s own cost. The raw rows await a promise per round trip too',
      op: 'latency',
      size: size(2_000, 200),
      // A full pass of warm-up, then 4 runs per process: a run takes tens of ms, and the first runs after a short
      // warm-up measured twice the later ones (both systems alike).
      warmup: size(4_000, 400),
      reps: 4,
      pin: true,
      rounds: quick ? undefined : AHEAD_ROUNDS,
      metric: 'perItem',
      unit: 'us/round trip',
      // The thread pools only: the target is the thread pool's own cost, and a process row pinned measures the same
      // IPC as the unpinned table (kept short: a full run must stay within 10 minutes).
      rows: ['rxfutures-thread', ...PINNED_THREADS],
    },
    ...[1, 256].map((chunksize) => ({
      id: `map-${chunksize}`,
      workload: 3,
      title: `map over ${size(100_000, 5_000).toLocaleString('en')} items, chunksize ${chunksize}`,
      what:
        `\`map(x => x * 2, items, { chunksize: ${chunksize} })\`, results in order; pools without map send ` +
        (chunksize === 1 ? 'one task per item' : `one task per chunk of ${chunksize} and flatten`),
      op: 'map',
      args: { chunksize },
      size: size(100_000, 5_000),
      // One task per item (chunksize 1) is warm after a tenth of a pass; chunks of 256 are 391 tasks, and their first
      // timed run after a tenth was still up to twice the second (rxfutures and peers alike).
      ...(chunksize === 1 ? {} : { warmup: WARM_PASS }),
      rounds: quick ? undefined : BRIEF_ROUNDS,
      metric: 'perItem',
      unit: 'us/item',
      rows: [
        'rxfutures-thread',
        'rxfutures-process',
        ...(chunksize === 1 ? [] : ['piscina', 'tinypool', 'workerpool', 'poolifier-thread']).map((adapter) => ({ adapter, op: 'mapChunked' })),
        { adapter: 'raw-worker-threads', op: 'mapChunked' },
        { adapter: 'raw-fork', op: 'mapChunked', ...(chunksize === 1 ? slow(20_000) : {}) },
        { adapter: 'python-thread', ...slow(20_000) },
        chunksize === 1 ? { adapter: 'python-process', cap: { full: 10_000, quick: 2_000 }, note: slow().note } : 'python-process',
      ],
    })),
    {
      id: 'cpu',
      workload: 4,
      title: 'CPU-bound work',
      what:
        `${size(32, 16)} tasks of a recursive Fibonacci, fib(${size(29, 28)}) in Node and fib(${size(24, 23)}) in ` +
        `Python (about the same time per task), at once. Node rows: speedup = the median over runs of (the same tasks ` +
        `run serially on the main thread of the same process, just before the timed run) ÷ (the timed run), so drift ` +
        `between processes cannot skew it; Python rows: Python's serial row's median ÷ the row's`,
      op: 'cpu',
      args: { fib: size(29, 28), paired: true },
      pythonArgs: { fib: size(24, 23) },
      size: size(32, 16),
      warmup: workers,
      metric: 'speedup',
      unit: 'ms',
      // The targets are rxfutures' own speedups: the peers, shown beside them, run in fewer processes.
      rows: [
        'node-baseline',
        'rxfutures-thread',
        'rxfutures-process',
        ...[
          ...THREAD_PEERS.filter((adapter) => adapter !== 'threads-spawn'),
          ...PROCESS_PEERS,
          'python-serial',
          'python-thread',
          'python-process',
        ].map((adapter) => ({ adapter, rounds: quick ? undefined : BRIEF_ROUNDS })),
      ],
    },
    {
      id: 'as-completed',
      workload: 5,
      title: 'asCompleted and wait over done futures',
      what: `${size(100_000, 20_000).toLocaleString('en')} futures already done; the clock covers only the pass over them`,
      size: size(100_000, 20_000),
      warmup: size(100_000, 20_000),
      reps: 4,
      rounds: quick ? undefined : BRIEF_ROUNDS,
      metric: 'perItem',
      unit: 'us/future',
      rows: [
        { adapter: 'rxfutures-core', op: 'asCompleted', label: 'rxfutures asCompleted().subscribe()' },
        { adapter: 'rxfutures-core', op: 'asCompletedForAwait', label: 'rxfutures for await (asCompleted())', ref: 'rxfutures-core/asCompleted' },
        { adapter: 'rxfutures-core', op: 'wait', label: 'rxfutures await wait()', ref: 'rxfutures-core/wait' },
        { adapter: 'node-baseline', op: 'promiseAll', label: 'Promise.all over resolved promises', ref: 'rxfutures-core/wait' },
        { adapter: 'python-serial', op: 'asCompleted', label: 'Python as_completed()', ref: 'rxfutures-core/asCompleted', warmup: 0, ...slow(50_000) },
        { adapter: 'python-serial', op: 'wait', label: 'Python wait()', ref: 'rxfutures-core/wait', warmup: 0, ...slow(50_000) },
      ],
    },
    {
      id: 'memory',
      workload: 5,
      title: 'Memory per queued future',
      what:
        `${size(1_000_000, 20_000).toLocaleString('en')} trivial tasks queued behind workers held busy; heap + external ` +
        'after full GC (Node, --expose-gc, fresh process), tracemalloc (Python); the list of futures counts',
      op: 'memory',
      size: size(1_000_000, 20_000),
      warmup: 0,
      reps: 1,
      rounds: 2,
      nodeFlags: ['--expose-gc'],
      metric: 'value',
      unit: 'bytes/future',
      rows: [
        ...Object.values(RXFUTURES),
        ...['python-thread', 'python-process'].map((adapter) => ({
          adapter,
          cap: { full: 20_000, quick: 5_000 },
          note: 'fewer tasks: under tracemalloc Python takes minutes for a million; the figure is per future and does not depend on the count',
        })),
      ],
    },
    {
      id: 'loop-limit',
      workload: 6,
      title: `Async tasks ${LOOP_CONCURRENCY} at a time: AsyncExecutor, p-limit and p-map`,
      what:
        `${size(50_000, 5_000).toLocaleString('en')} trivial async tasks \`async x => x * 2\`, at most ` +
        `${LOOP_CONCURRENCY} running at once on the event loop (maxWorkers, p-limit's limit, p-map's concurrency, ` +
        'mapOrdered\'s maxInFlight); results checked; warm-up: two passes',
      op: 'bulk',
      size: size(50_000, 5_000),
      // rxfutures' first timed run after a tenth of a pass was about twice its steady state, p-map's 1.2 times; after
      // one full pass, the second pass still was (map with buffersize 49-56 ms, then 21-29; mapOrdered 62-67, then
      // 19-32; p-map 39-40, then 24-35, per 50,000 tasks). After two passes every system's runs are steady.
      warmup: WARM_PASS,
      warmupPasses: 2,
      workers: LOOP_CONCURRENCY,
      rounds: quick ? undefined : AHEAD_ROUNDS,
      metric: 'perItem',
      unit: 'us/task',
      rows: [
        { adapter: 'rxfutures-async', label: 'AsyncExecutor submit, then Promise.all' },
        { adapter: 'rxfutures-async-nocontext', label: 'AsyncExecutor({ taskContext: false }) submit, then Promise.all', ref: 'rxfutures-async/bulk' },
        { adapter: 'p-limit', label: `p-limit: limit(fn) per task, then Promise.all`, ref: 'rxfutures-async/bulk' },
        { adapter: 'rxfutures-async', op: 'map', args: { chunksize: 1 }, label: 'AsyncExecutor.map (for await)', ref: 'rxfutures-async/map' },
        { adapter: 'p-map', op: 'map', label: 'p-map', ref: 'rxfutures-async/map' },
        // p-map reads its input `concurrency` ahead and is awaited once; Python's map (the row above) submits every
        // task at the call. This row is map in p-map's shape: at most that many tasks ahead, one await.
        {
          adapter: 'rxfutures-async',
          op: 'map',
          id: 'rxfutures-async/map-buffersize',
          args: { chunksize: 1, buffersize: LOOP_CONCURRENCY, collect: 'toArray' },
          label: `AsyncExecutor.map({ buffersize: ${LOOP_CONCURRENCY} }), results by toArray (one await, as p-map)`,
          ref: 'rxfutures-async/map',
        },
        { adapter: 'rxfutures-async', op: 'mapOrdered', args: { maxInFlight: LOOP_CONCURRENCY }, label: 'mapOrdered on AsyncExecutor', ref: 'rxfutures-async/map' },
        { adapter: 'rxfutures-async', op: 'mapUnordered', args: { maxInFlight: LOOP_CONCURRENCY }, label: 'mapUnordered on AsyncExecutor', ref: 'rxfutures-async/map' },
      ],
    },
    {
      id: 'operators',
      workload: 6,
      title: 'Operators',
      what:
        `${size(100_000, 5_000).toLocaleString('en')} items through \`from(items).pipe(op)\` into toArray(); ` +
        `async fn \`async x => x * 2\`, ${inFlight} in flight (mergeMap concurrency = maxInFlight = 2 × workers)`,
      op: 'mapOrdered',
      size: size(100_000, 5_000),
      warmup: WARM_PASS,
      args: { maxInFlight: inFlight, concurrency: inFlight },
      metric: 'perItem',
      unit: 'us/item',
      rows: [
        { adapter: 'rxfutures-async', label: 'mapOrdered on AsyncExecutor', ref: 'rxfutures-async/mapOrdered' },
        { adapter: 'rxfutures-async', op: 'mapUnordered', label: 'mapUnordered on AsyncExecutor', ref: 'rxfutures-async/mapOrdered' },
        { adapter: 'rxjs', op: 'mergeMap', ref: 'rxfutures-async/mapOrdered' },
        // mergeMap's cost per item grows with a long synchronous source (its buffer of waiting values), so the
        // pair is also measured where that buffer stays short.
        {
          adapter: 'rxfutures-async',
          id: 'rxfutures-async/mapOrdered-10k',
          label: 'mapOrdered on AsyncExecutor, short source',
          ref: 'rxfutures-async/mapOrdered-10k',
          ...shortSource,
        },
        {
          adapter: 'rxfutures-async-nocontext',
          id: 'rxfutures-async-nocontext/mapOrdered-10k',
          label: 'mapOrdered on AsyncExecutor({ taskContext: false }), short source',
          ref: 'rxfutures-async/mapOrdered-10k',
          ...shortSource,
        },
        {
          adapter: 'rxjs',
          op: 'mergeMap',
          id: 'rxjs/mergeMap-10k',
          label: 'RxJS mergeMap (async fn), short source',
          ref: 'rxfutures-async/mapOrdered-10k',
          ...shortSource,
        },
        { adapter: 'rxfutures-async', op: 'mergeMap', label: 'mergeMap over AsyncExecutor.submit', ref: 'rxfutures-async/mapOrdered' },
        { adapter: 'rxfutures-thread', label: 'mapOrdered on ThreadPoolExecutor, chunksize 256', args: { maxInFlight: 8, chunksize: 256 } },
        { adapter: 'rxfutures-thread', op: 'mapUnordered', label: 'mapUnordered on ThreadPoolExecutor, chunksize 256', args: { maxInFlight: 8, chunksize: 256 } },
        { adapter: 'piscina', op: 'mergeMap', label: 'mergeMap over piscina.run', ref: 'rxfutures-thread/mapOrdered', ...slow(20_000) },
      ],
    },
    ...[
      { id: 'payload-copy', bytes: 1 << 20, tasks: size(100, 30), shown: '1 MB' },
      { id: 'payload-copy-16mb', bytes: 16 << 20, tasks: size(8, 6), shown: '16 MB' },
      { id: 'payload-copy-64kb', bytes: 64 << 10, tasks: size(1_000, 400), shown: '64 KB' },
      { id: 'payload-transfer', bytes: 1 << 20, tasks: size(100, 30), shown: '1 MB', transfer: true },
    ].map(({ id, bytes, tasks, shown, transfer = false }) => ({
      id,
      workload: 7,
      title: `${shown} ArrayBuffer per task, ${transfer ? 'transferred' : 'copied'}`,
      what:
        `${tasks.toLocaleString('en')} tasks, each sent a fresh ${shown} ArrayBuffer ${transfer ? 'in its transfer list (moved, zero-copy)' : 'copied'}, ` +
        `${inFlight} in flight; the task returns the size`,
      op: 'payload',
      size: tasks,
      // A full pass of warm-up: after a tenth of one, the first timed run of a pool was still up to twice its second.
      // At 16 MB one pass is not enough: every system's first two timed runs after it took up to twice its later ones
      // (copies into fresh memory fault every page in: 10.9 ms a 16 MB copy into fresh memory here, 1.5 ms into memory
      // already in use, and the C heap takes a few passes to hold all the buffers in flight), so four passes.
      warmup: id === 'payload-copy-16mb' ? 4 * tasks : tasks,
      args: { bytes, transfer, inFlight },
      rounds: quick ? undefined : AHEAD_ROUNDS,
      metric: 'perItem',
      unit: 'us/task',
      // tinypool's and workerpool's process runtimes send JSON, which has no ArrayBuffer: they cannot run this one.
      // threads.js runs the transferred row only, and poolifier's cluster pool the 1 MB copied row only (no target
      // names them), to keep a full run within 10 minutes: the other rows show the crossovers of the pools users pick.
      rows: transfer
        ? ['rxfutures-thread', ...THREAD_PEERS]
        : [
            'rxfutures-thread',
            'rxfutures-process',
            ...(id === 'payload-copy' ? [...PINNED_THREADS, 'poolifier-cluster'] : PINNED_THREADS),
            'raw-fork',
            // Python pickles 16 MB at about 180 ms a task: half the tasks (its cost per task does not depend on the count).
            id === 'payload-copy-16mb' ? { adapter: 'python-process', warmup: 4, ...slow(4) } : 'python-process',
          ],
    })),
    // Workload 8 (issue 14): the Executor API over a queue in Redis, against raw BullMQ on the same Redis with the
    // same number of worker processes, and Dask where it is installed. Ratios are against raw BullMQ (the first row).
    {
      id: 'queue-bulk',
      workload: 8,
      title: 'Queue: trivial tasks in bulk, one job per task',
      what: `${size(5_000, 500).toLocaleString('en')} jobs \`x => x * 2\` submitted at once, then all awaited; ${workers} worker processes`,
      op: 'bulk',
      size: size(5_000, 500),
      rounds: quick ? undefined : BRIEF_ROUNDS,
      metric: 'perItem',
      unit: 'us/task',
      rows: [...QUEUE_SYSTEMS, daskRow('client.submit per task, then client.gather', 300)],
    },
    {
      id: 'queue-latency',
      workload: 8,
      title: 'Queue: sequential round trip',
      what: `${size(300, 50).toLocaleString('en')} jobs one after the other, each awaited before the next is submitted`,
      op: 'latency',
      size: size(300, 50),
      rounds: quick ? undefined : BRIEF_ROUNDS,
      metric: 'perItem',
      unit: 'us/task',
      rows: [...QUEUE_SYSTEMS, daskRow('client.submit(…).result(), one after the other', 50)],
    },
    {
      id: 'queue-map-256',
      workload: 8,
      title: 'Queue: map, chunksize 256',
      what: `\`map(x => x * 2, items, { chunksize: 256 })\` over ${size(100_000, 10_000).toLocaleString('en')} items: one job per chunk (raw BullMQ: addBulk of chunks)`,
      op: 'map',
      args: { chunksize: 256 },
      size: size(100_000, 10_000),
      rounds: quick ? undefined : BRIEF_ROUNDS,
      metric: 'perItem',
      unit: 'us/item',
      rows: [
        ...QUEUE_SYSTEMS,
        // Neither has a chunksize: one task per item (the executor view accepts the argument and ignores it).
        daskRow('client.map (one task per item: no chunksize), then client.gather', 300, { args: { via: 'client' } }),
        daskRow('client.get_executor().map(…, chunksize=256) (ignores chunksize)', 200, { id: 'dask/map-executor', args: { via: 'executor' } }),
      ],
    },
  ];
  return tables.map((table) => ({ ...table, rows: table.rows.map((row) => normalizeRow(table, row, quick)) }));
}

function normalizeRow(table, row, quick) {
  const spec = typeof row === 'string' ? { adapter: row } : row;
  const op = spec.op ?? table.op;
  const key = spec.id ?? `${spec.adapter}/${op}`;
  const size = spec.cap ? Math.min(table.size, quick ? spec.cap.quick : spec.cap.full) : table.size;
  // A cap's note explains fewer items: drop it when this mode's size is not reduced.
  const note = spec.cap && size === table.size ? undefined : spec.note;
  return { ...spec, key, op, args: { ...table.args, ...spec.args }, size, note, ref: spec.ref ?? undefined };
}

