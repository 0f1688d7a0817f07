#!/usr/bin/env node
/**
 * The `rxfutures` command (`npx rxfutures worker ...`): runs a queue worker until SIGTERM or SIGINT.
 */
import { MAIN_HELP, parseWorkerCommand, WORKER_HELP } from './workerCommand';
import { runWorker } from './runWorker';

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${MAIN_HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'worker') {
    process.stderr.write(`rxfutures: unknown command '${command}'\n\n${MAIN_HELP}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseWorkerCommand(args, process.env);
  } catch (error) {
    process.stderr.write(`rxfutures worker: ${(error as Error).message}\n\n${WORKER_HELP}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${WORKER_HELP}\n`);
    return 0;
  }
  const worker = await runWorker(parsed.options);
  return new Promise<number>((resolve) => {
    let closing = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (closing) {
        process.stderr.write(`rxfutures worker ${worker.name}: ${signal} again, exiting at once\n`);
        process.exit(130);
      }
      closing = true;
      process.stderr.write(`rxfutures worker ${worker.name}: ${signal}, closing (running jobs finish; send it again to exit at once)\n`);
      worker.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rxfutures worker: ${(error as Error)?.message ?? error}\n`);
    process.exit(1);
  },
);
