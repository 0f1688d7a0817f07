import { nearestName, unknownOption } from '../../src/internal/unknownOption';

const executorKeys = ['maxWorkers', 'threadNamePrefix', 'initializer', 'initArgs', 'maxTasksPerChild', 'idleTimeout', 'onWorkerExit', 'abortGraceMs'];

describe('nearestName', () => {
  it.each([
    ['maxWokers', 'maxWorkers'], // a letter dropped
    ['maxworkers', 'maxWorkers'], // another case
    ['max_workers', 'maxWorkers'], // Python's spelling
    ['initargs', 'initArgs'],
    ['max_tasks_per_child', 'maxTasksPerChild'],
    ['workers', 'maxWorkers'], // part of the name
    ['abortGrace', 'abortGraceMs'],
    ['idelTimeout', 'idleTimeout'], // two letters swapped
    ['onWorkerExits', 'onWorkerExit'],
  ])('%s -> %s', (key, expected) => {
    expect(nearestName(key, executorKeys)).toBe(expected);
  });

  it.each(['concurrency', 'x', '', 'verbose'])('%p is near nothing', (key) => {
    expect(nearestName(key, executorKeys)).toBeUndefined();
  });
});

describe('unknownOption', () => {
  it('is a TypeError naming the key, the owner and the nearest valid option', () => {
    const error = unknownOption('ThreadPoolExecutor', 'maxWokers', executorKeys);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("unknown option 'maxWokers' for ThreadPoolExecutor; did you mean 'maxWorkers'?");
  });

  it('lists the valid options when none is near', () => {
    const error = unknownOption('wait()', 'concurrency', ['timeout', 'returnWhen']);
    expect(error.message).toBe("unknown option 'concurrency' for wait(); the options are 'timeout', 'returnWhen'");
  });
});
