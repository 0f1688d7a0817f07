import { carriesLargeBuffers, LARGE_TASK_BYTES } from '../../../src/executors/pool/carriesLargeBuffers';
import { ARGUMENT_LISTS, ONE_CALL, SINGLE_ARGUMENTS, type WorkItem } from '../../../src/executors/WorkItem';

const item = (chunk: number, args: unknown[]) => ({ chunk, args }) as unknown as WorkItem;

describe('carriesLargeBuffers', () => {
  it('counts the buffers among a call’s arguments, views by their own bytes', () => {
    expect(carriesLargeBuffers(item(ONE_CALL, [new ArrayBuffer(LARGE_TASK_BYTES)]))).toBe(true);
    expect(carriesLargeBuffers(item(ONE_CALL, [1, 'x', null, Buffer.alloc(LARGE_TASK_BYTES / 2), new Float64Array(LARGE_TASK_BYTES / 16)]))).toBe(true);
    expect(carriesLargeBuffers(item(ONE_CALL, [new ArrayBuffer(LARGE_TASK_BYTES - 1)]))).toBe(false);
    // A small view of a large ArrayBuffer: a copying transport sends the view's own bytes only.
    expect(carriesLargeBuffers(item(ONE_CALL, [new Uint8Array(new ArrayBuffer(LARGE_TASK_BYTES), 0, 16)]))).toBe(false);
    expect(carriesLargeBuffers(item(ONE_CALL, [{ nested: new ArrayBuffer(LARGE_TASK_BYTES) }]))).toBe(false);
  });

  it('adds up the calls of a chunk', () => {
    const quarter = () => new ArrayBuffer(LARGE_TASK_BYTES / 4);
    expect(carriesLargeBuffers(item(SINGLE_ARGUMENTS, [quarter(), quarter(), quarter(), quarter()]))).toBe(true);
    expect(carriesLargeBuffers(item(SINGLE_ARGUMENTS, [quarter(), quarter(), quarter()]))).toBe(false);
    expect(carriesLargeBuffers(item(ARGUMENT_LISTS, [[quarter(), quarter()], [quarter(), 7, quarter()]]))).toBe(true);
    expect(carriesLargeBuffers(item(ARGUMENT_LISTS, [[quarter()], [1, 2]]))).toBe(false);
  });
});
