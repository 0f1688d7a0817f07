import { BrokenProcessPool, BrokenThreadPool, ProcessWorkerExitError, ThreadWorkerExitError, type WorkerExit } from '../../src';

describe.each([
  { name: 'ThreadWorkerExitError', ExitError: ThreadWorkerExitError, Broken: BrokenThreadPool },
  { name: 'ProcessWorkerExitError', ExitError: ProcessWorkerExitError, Broken: BrokenProcessPool },
])('$name', ({ ExitError, Broken }) => {
  it('takes the facts of the exit in its constructor, with their cause as its cause', () => {
    const cause = new RangeError('out of memory');
    const exit: WorkerExit = { workerName: 'Pool-0_1', exitCode: 3, signal: null, cause };
    const error = new ExitError('the worker running this task died', exit);
    expect(error).toBeInstanceOf(Broken);
    expect([error.workerName, error.exitCode, error.signal, error.cause]).toEqual(['Pool-0_1', 3, null, cause]);
    expect(error.name).toBe(ExitError.name);
    expect(new ExitError('killed', { workerName: 'P', exitCode: null, signal: 'SIGKILL', cause: undefined }).signal).toBe('SIGKILL');
  });
});
