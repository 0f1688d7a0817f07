// p-map: the most used concurrent map on npm. `pMap(items, fn, { concurrency: workers })`, results in order;
// compared with AsyncExecutor.map and the mapOrdered/mapUnordered operators on AsyncExecutor.
import { checkDoubles, range } from '../lib/ops.mjs';
import { packageVersion } from '../lib/paths.mjs';

const double = async (x) => x * 2;

export default {
  id: 'p-map',
  label: `p-map ${packageVersion('p-map')}`,
  kind: 'loop',
  available: async (op) => (op === 'map' ? undefined : `p-map is a map: it has no ${op}`),
  async open({ workers }) {
    const { default: pMap } = await import('p-map');
    return {
      async map(n) {
        checkDoubles(await pMap(range(n), double, { concurrency: workers }), 0);
      },
      close: async () => {},
    };
  },
};
