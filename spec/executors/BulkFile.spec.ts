/**
 * The bulk file of one child process (issue 16): where each message's large bytes go, when their region is free
 * again (only once every task sent up to and with that message is answered), and the sending of a `RUN` message
 * through it (every task counted, traced ones too; a message that could not be sent frees its regions).
 */
import { readSync } from 'node:fs';
import { BulkFile } from '../../src/executors/pool/BulkFile';
import { BULK_FROM, sendWithBulk } from '../../src/executors/pool/sendWithBulk';
import { canReadBulk } from '../../src/worker/readBulkSlabs';
import { RUN, TRACED, type RunMessage, type ToWorker } from '../../src/worker/protocol';

const KB = 1024;
const describeWithShm = BulkFile.open() === undefined ? describe.skip : describe;

describeWithShm('BulkFile', () => {
  let file: BulkFile;
  beforeEach(() => {
    file = BulkFile.open()!;
  });
  afterEach(() => file.close());

  const bytes = (length: number, fill = 1) => new Uint8Array(length).fill(fill);

  it('writes the bytes where it says, one region after another while all are in use', () => {
    expect(file.put(bytes(100 * KB, 3))).toBe(0);
    file.sent(1);
    expect(file.put(bytes(50 * KB, 4))).toBe(100 * KB);
    file.sent(1);
    const back = Buffer.alloc(2);
    readSync(file.fd, back, 0, 1, 100 * KB - 1);
    readSync(file.fd, back, 1, 1, 100 * KB);
    expect([...back]).toEqual([3, 4]);
  });

  it('a region is free again only once every task sent up to and with its message is answered', () => {
    expect(file.put(bytes(100 * KB))).toBe(0);
    file.sent(3);
    expect(file.put(bytes(100 * KB))).toBe(100 * KB);
    file.sent(1);
    file.answered(2);
    // Two of the first message's three tasks answered: its region is still in use.
    expect(file.put(bytes(10 * KB))).toBe(200 * KB);
    file.sent(1);
    file.answered(1);
    // The first message is answered in full: its region is reused; the second's is not.
    expect(file.put(bytes(100 * KB))).toBe(0);
    file.sent(1);
    expect(file.put(bytes(100 * KB))).toBe(210 * KB);
    file.sent(1);
  });

  it('a message that could not be sent frees the regions of its bytes', () => {
    expect(file.put(bytes(100 * KB))).toBe(0);
    file.sent(1);
    expect(file.put(bytes(70 * KB))).toBe(100 * KB);
    expect(file.put(bytes(70 * KB))).toBe(170 * KB);
    file.unsent();
    expect(file.put(bytes(70 * KB))).toBe(100 * KB);
  });

  it('bytes that fit nowhere, or a closed file, are refused (they travel in the message)', () => {
    expect(file.put({ byteLength: 65 * KB * KB } as Uint8Array)).toBe(-1);
    file.close();
    expect(file.put(bytes(100 * KB))).toBe(-1);
  });
});

describe('sendWithBulk', () => {
  /** A stand-in for a BulkFile that records what it was told. */
  function recorder() {
    const calls: unknown[][] = [];
    let next = 0;
    const file = {
      put: (slab: Uint8Array) => (calls.push(['put', slab.byteLength]), (next += slab.byteLength) - slab.byteLength),
      sent: (tasks: number) => void calls.push(['sent', tasks]),
      unsent: () => void calls.push(['unsent']),
    };
    return { file: file as unknown as BulkFile, calls };
  }

  it('large slabs go to the file and the message says where; small ones and other messages stay as they are; every task is counted', () => {
    const { file, calls } = recorder();
    const sent: ToWorker[] = [];
    const large = new Uint8Array(BULK_FROM);
    const small = new Uint8Array(BULK_FROM - 1);
    // Three tasks: untraced, traced (a fourth value, its context), untraced.
    const tasks = [1, 0, [], 2, 3 + TRACED, null, { traceparent: 'x' }, 1, 3, null];
    const message: RunMessage = [RUN, null, tasks, [[small, large], [], []]];
    sendWithBulk(file, message, (m) => void sent.push(m));
    sendWithBulk(file, [2, 0, 'reason'], (m) => void sent.push(m));
    expect(calls).toEqual([['put', BULK_FROM], ['sent', 3]]);
    expect((sent[0] as RunMessage)[3]![0]).toEqual([small, [0, BULK_FROM]]);
    expect(sent[1]).toEqual([2, 0, 'reason']);
  });

  it('a message that cannot be sent frees its regions and throws what the send threw', () => {
    const { file, calls } = recorder();
    const failure = new Error('cannot clone');
    const message: RunMessage = [RUN, null, [1, 0, []], [[new Uint8Array(BULK_FROM)], [], []]];
    expect(() => sendWithBulk(file, message, () => {
      throw failure;
    })).toThrow(failure);
    expect(calls).toEqual([['put', BULK_FROM], ['unsent']]);
  });
});

describe('canReadBulk', () => {
  it('is false without an identity, or when descriptor 4 does not start with it (a runtime that did not pass the file on)', () => {
    expect(canReadBulk(undefined)).toBe(false);
    expect(canReadBulk('')).toBe(false);
    expect(canReadBulk('0123456789abcdef')).toBe(false);
  });
});
