import { from } from 'rxjs';
import type { StreamSink } from '../../src/streaming/StreamSink';
import { pumpStream } from '../../src/streaming/pumpStream';
import { turns } from '../operators/helpers/executors';

/** A sink whose credit the test hands out, standing in for a worker's sink that waits for the parent's credit. */
class ManualSink<T> implements StreamSink<T> {
  readonly written: T[] = [];
  closed = false;
  private credit: number;
  private waiter: (() => void) | undefined;
  private listeners: Array<() => void> = [];
  constructor(credit: number) {
    this.credit = credit;
  }
  write(value: T): void {
    if (this.credit <= 0) throw new Error('wrote without credit');
    this.credit--;
    this.written.push(value);
  }
  ready(): Promise<void> | undefined {
    return this.credit > 0 || this.closed ? undefined : new Promise((resolve) => (this.waiter = resolve));
  }
  onClose(listener: () => void): void {
    this.listeners.push(listener);
  }
  grant(n: number): void {
    this.credit += n;
    this.waiter?.();
  }
  close(): void {
    this.closed = true;
    this.waiter?.();
    this.listeners.forEach((listener) => listener());
  }
}

describe('pumpStream flow control', () => {
  it('pulls from the task only while it holds credit', async () => {
    let pulled = 0;
    const sink = new ManualSink<number>(3);
    const done = pumpStream(
      async function* () {
        for (let i = 0; i < 10; i++) {
          pulled++;
          yield i;
        }
      },
      [],
      sink,
    );
    await turns(3);
    expect(sink.written).toEqual([0, 1, 2]);
    expect(pulled).toBe(3);
    sink.grant(2);
    await turns(3);
    expect(sink.written).toEqual([0, 1, 2, 3, 4]);
    expect(pulled).toBe(5);
    sink.grant(100);
    await done;
    expect(sink.written).toHaveLength(10);
  });

  it('holds an Observable\'s surplus values in the producer and writes them as credit comes', async () => {
    const sink = new ManualSink<number>(2);
    let completed = false;
    const done = pumpStream(() => from([1, 2, 3, 4, 5]), [], sink).then(() => (completed = true));
    await turns(2);
    expect(sink.written).toEqual([1, 2]);
    expect(completed).toBe(false);
    sink.grant(3);
    await done;
    expect(sink.written).toEqual([1, 2, 3, 4, 5]);
  });

  it('closing the sink returns the iterator (the generator\'s finally runs) and ends the pump', async () => {
    let cleanedUp = false;
    const sink = new ManualSink<number>(1);
    const done = pumpStream(
      async function* () {
        try {
          for (let i = 0; ; i++) yield i;
        } finally {
          cleanedUp = true;
        }
      },
      [],
      sink,
    );
    await turns(2);
    sink.close();
    await done;
    expect(cleanedUp).toBe(true);
    expect(sink.written).toEqual([0]);
  });
});
