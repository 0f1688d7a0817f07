import { ARGUMENT_LISTS, ONE_CALL, SINGLE_ARGUMENTS, runCalls } from '../../src/extension';

describe('runCalls, the one runner of a work item', () => {
  it('makes one call with the arguments, returning what the function returns', async () => {
    expect(runCalls((a: number, b: number) => a + b, ONE_CALL, [1, 2])).toBe(3);
    await expect(runCalls(async (a: number) => a * 2, ONE_CALL, [21])).resolves.toBe(42);
  });

  it('runs a chunk of argument lists or of single arguments in order, synchronously while every call is', () => {
    expect(runCalls((a: number, b: number) => a * b, ARGUMENT_LISTS, [[2, 3], [4, 5]])).toEqual([6, 20]);
    // A single argument that is itself an array stays one argument.
    expect(runCalls((...args: unknown[]) => args.length, SINGLE_ARGUMENTS, [[1, 2, 3], 'x'])).toEqual([1, 1]);
  });

  it("awaits a chunk's calls one after another once one returns a promise, never overlapping them", async () => {
    const log: string[] = [];
    const call = (n: number) => {
      log.push(`start ${n}`);
      if (n === 0) return n;
      return new Promise<number>((resolve) => setTimeout(() => (log.push(`end ${n}`), resolve(n * 10)), 5 - n));
    };
    await expect(runCalls(call, SINGLE_ARGUMENTS, [0, 1, 2])).resolves.toEqual([0, 10, 20]);
    expect(log).toEqual(['start 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('throws what a call throws synchronously, and rejects with what a later call throws', async () => {
    const boom = (n: number) => {
      if (n === 1) throw new RangeError(`bad ${n}`);
      return n === 0 ? Promise.resolve(n) : n;
    };
    expect(() => runCalls(boom, SINGLE_ARGUMENTS, [1])).toThrow(RangeError);
    await expect(runCalls(boom, SINGLE_ARGUMENTS, [0, 1])).rejects.toBeInstanceOf(RangeError);
  });
});
