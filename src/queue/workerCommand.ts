import { parseArgs } from 'node:util';
import type { RunWorkerOptions } from './RunWorkerOptions';

/** The text of `rxfutures worker --help`: every flag. */
export const WORKER_HELP = `Usage: rxfutures worker --queue <name> --tasks <module> [options]

Runs a worker of an rxfutures queue (BullMQ on Redis): it takes jobs and runs them on a local pool. The tasks are
the functions the tasks module exports, called by name.

Options:
  --queue <name>              the queue to take jobs from (required)
  --tasks <path>              the tasks module, a .js/.cjs/.mjs file (required)
  --redis <url>               redis://[user:password@]host[:port][/db], or rediss:// for TLS
                              (default: $REDIS_URL, else redis://127.0.0.1:6379)
  --pool <kind>               threads | processes | async (default: threads)
  --max-workers <n>           size of the local pool (default: the number of CPU cores)
  --allow-inline              also run inline tasks (functions sent as source); needs RXFUTURES_SECRET
  --lost-worker-timeout <ms>  how soon the jobs of a worker that died go to another (default: 30000)
  --max-stalled-count <n>     how often a job may be handed on before it fails with WorkerLostError (default: 1)
  --max-payload-bytes <n>     the largest job payload accepted (default: 16777216)
  --prefix <prefix>           BullMQ's key prefix (default: bull)
  --name <name>               this worker's name, recorded on its jobs (default: <host>:<pid>:0)
  -h, --help                  show this help

Environment:
  RXFUTURES_SECRET            the secret jobs must be signed with (strongly advised; without it any client of the
                              queue can call the exported tasks)
  REDIS_URL                   the default of --redis

SIGTERM or SIGINT closes the worker gracefully (running jobs finish, a job fetched ahead goes back to the queue);
a second signal exits at once.`;

/** The top-level help of the `rxfutures` command. */
export const MAIN_HELP = `Usage: rxfutures <command> [options]

Commands:
  worker    run a worker of an rxfutures queue (rxfutures worker --help for its options)`;

/** What the command line asks for: help, or a worker with these options. */
export type WorkerCommand = { readonly help: true } | { readonly help: false; readonly options: RunWorkerOptions };

function whole(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new TypeError(`${flag} must be a whole number; received ${JSON.stringify(text)}`);
  return value;
}

/**
 * Reads the arguments of `rxfutures worker` (after the command name) and the environment into `runWorker` options.
 *
 * @example
 * ```ts
 * parseWorkerCommand(['--queue', 'render', '--tasks', './dist/tasks.js'], process.env);
 * ```
 * @throws TypeError for an unknown flag, a missing required one or a bad number.
 */
export function parseWorkerCommand(args: string[], env: NodeJS.ProcessEnv): WorkerCommand {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      queue: { type: 'string' },
      tasks: { type: 'string' },
      redis: { type: 'string' },
      pool: { type: 'string' },
      'max-workers': { type: 'string' },
      'allow-inline': { type: 'boolean' },
      'lost-worker-timeout': { type: 'string' },
      'max-stalled-count': { type: 'string' },
      'max-payload-bytes': { type: 'string' },
      prefix: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  if (values.queue === undefined) throw new TypeError('--queue is required (the name of the queue)');
  if (values.tasks === undefined) throw new TypeError('--tasks is required (the path of the tasks module)');
  const options: RunWorkerOptions = {
    queue: values.queue,
    tasks: values.tasks,
    connection: values.redis ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    pool: values.pool as RunWorkerOptions['pool'],
    maxWorkers: whole('--max-workers', values['max-workers']),
    allowInline: values['allow-inline'] ?? false,
    lostWorkerTimeout: whole('--lost-worker-timeout', values['lost-worker-timeout']),
    maxStalledCount: whole('--max-stalled-count', values['max-stalled-count']),
    maxPayloadBytes: whole('--max-payload-bytes', values['max-payload-bytes']),
    prefix: values.prefix,
    name: values.name,
    secret: env.RXFUTURES_SECRET || undefined,
  };
  for (const key of Object.keys(options) as (keyof RunWorkerOptions)[]) if (options[key] === undefined) delete options[key];
  return { help: false, options };
}
