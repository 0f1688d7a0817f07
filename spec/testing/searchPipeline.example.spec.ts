/**
 * Example: testing your own pipeline with rxfutures/testing (see docs/testing.md).
 *
 * The pipeline under test is a search box: each query typed starts a search on an executor, and only the results of
 * the latest query may reach the screen. fast-check's scheduler decides when the user types, when each search starts
 * and when it finishes, so one property covers every race between typing and searching.
 */
import fc from 'fast-check';
import { Subject, mergeMap, switchMap, type Observable } from 'rxjs';
import type { Executor } from '../../src';
import { SchedulerExecutor, assertExecutorInvariants } from '../../src/testing';

/** The user's code: written against `Executor`, so it runs on AsyncExecutor in production and here in tests. */
function searchResults(queries: Observable<string>, executor: Executor): Observable<string> {
  return queries.pipe(switchMap((query) => executor.defer(search, query)));
}

/** A buggy variant: mergeMap lets a slow, stale search overwrite the results of a newer query. */
function searchResultsBuggy(queries: Observable<string>, executor: Executor): Observable<string> {
  return queries.pipe(mergeMap((query) => executor.defer(search, query)));
}

async function search(query: string): Promise<string> {
  return `results for ${query}`;
}

/** The property: whatever the interleaving, only results of the latest query are shown, and the last one is shown. */
function onlyLatestResults(pipeline: typeof searchResults) {
  return fc.asyncProperty(
    fc.scheduler(),
    fc.array(fc.constantFrom('r', 'rx', 'rxj', 'rxjs'), { minLength: 1, maxLength: 5 }),
    async (s, typed) => {
      const executor = new SchedulerExecutor({ scheduler: s, maxWorkers: 2 });
      const queries = new Subject<string>();
      let latest = '';
      const shown: string[] = [];
      const stale: string[] = [];
      const finished = new Promise<void>((resolve, reject) =>
        pipeline(queries, executor).subscribe({
          next: (results) => {
            if (results !== `results for ${latest}`) stale.push(`${results} shown while the query was ${latest}`);
            shown.push(results);
          },
          error: reject,
          complete: resolve,
        }),
      );
      // The user types through the scheduler too, so typing interleaves with searches starting and finishing.
      s.scheduleSequence([
        ...typed.map((query) => ({ label: `type ${query}`, builder: async () => queries.next((latest = query)) })),
        { label: 'stop typing', builder: async () => queries.complete() },
      ]);
      await s.waitFor(finished);
      await s.waitFor(executor.shutdown());

      expect(stale).toEqual([]);
      expect(shown[shown.length - 1]).toBe(`results for ${typed[typed.length - 1]}`);
      // Superseded searches were cancelled or aborted: no future is left pending, none that was cancelled ran.
      assertExecutorInvariants(executor);
    },
  );
}

describe('example: a search pipeline tested with SchedulerExecutor', () => {
  it('shows only the latest results under every interleaving (switchMap)', async () => {
    await fc.assert(onlyLatestResults(searchResults), { numRuns: 100 });
  });

  it('catches the stale-results bug of mergeMap with a small counterexample', async () => {
    const outcome = await fc.check(onlyLatestResults(searchResultsBuggy), { numRuns: 200, seed: 42 });
    expect(outcome.failed).toBe(true);
    // fast-check shrinks the failure to two queries and prints the steps (fc.defaultReportMessage(outcome)):
    //   -> [task${1}] sequence::type r resolved
    //   -> [task${2}] promise::SchedulerExecutor-7 start resolved
    //   -> [task${3}] sequence::type rxj resolved
    //   -> [task${5}] promise::SchedulerExecutor-7 start resolved
    //   -> [task${4}] promise::SchedulerExecutor-7 finish search("r") resolved with value {"failed":false,"value":"results for r"}
    //   ...`,["r","rxj"]]
    // i.e. the search for "r" finished after "rxj" was typed, and mergeMap showed its stale results.
    expect((outcome.counterexample![1] as string[]).length).toBeLessThanOrEqual(2);
  });
});
