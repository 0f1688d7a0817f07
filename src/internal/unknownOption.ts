/**
 * The error for an option key nobody reads (plain JavaScript has no type checker to catch `maxWokers: 4`): a
 * TypeError naming the key, where it was given, and the nearest valid option, or the list of valid ones when none
 * is near.
 */
export function unknownOption(owner: string, key: string, keys: readonly string[]): TypeError {
  const near = nearestName(key, keys);
  const hint = near === undefined ? `; the options are ${keys.map((k) => `'${k}'`).join(', ')}` : `; did you mean '${near}'?`;
  return new TypeError(`unknown option '${key}' for ${owner}${hint}`);
}

/**
 * The valid name `key` was most likely meant to be: the same name in another spelling (`max_workers`, `MaxWorkers`),
 * one that contains it or is contained in it (`workers`), or the closest by edit distance within a third of its
 * length (`maxWokers`, `timout`, `retrunWhen`); `undefined` if none is that close.
 */
export function nearestName(key: string, names: readonly string[]): string | undefined {
  const wanted = normalize(key);
  if (wanted.length === 0) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / 3)) + 1;
  for (const name of names) {
    const candidate = normalize(name);
    if (candidate === wanted) return name;
    const distance =
      wanted.length >= 4 && (candidate.includes(wanted) || wanted.includes(candidate)) ? 1 : editDistance(wanted, candidate);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`: optimal string alignment distance. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]![j] = j;
        continue;
      }
      const row = rows[i]!;
      const above = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}
