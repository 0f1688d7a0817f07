// Raw `child_process.fork` IPC: `send` per task to plain children, no pool library (the process floor).
// `serialization: 'advanced'` (structured clone), the same format rxfutures' process pool must use so that Map,
// Set, Date, BigInt and typed arrays round-trip; `--raw-fork-json` measures Node's default JSON instead.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { rawSession, rawWorkerFile } from '../lib/rawChannel.mjs';

export default {
  id: 'raw-fork',
  label: `raw child_process.fork IPC`,
  kind: 'process',
  async open({ workers, flags }) {
    const serialization = flags?.rawForkJson ? 'json' : 'advanced';
    const children = await Promise.all(
      Array.from({ length: workers }, async () => {
        const child = fork(rawWorkerFile, [], { serialization, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        await once(child, 'spawn');
        return child;
      }),
    );
    return rawSession(
      children.map((child) => ({
        // A process cannot take a transfer list: the buffer is copied (serialized) like any other argument.
        send: (message) => child.send(message),
        onMessage: (listener) => child.on('message', listener),
        close: async () => {
          const exited = once(child, 'exit');
          child.kill();
          await exited;
        },
      })),
    );
  },
};
