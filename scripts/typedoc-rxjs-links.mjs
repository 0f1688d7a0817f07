// TypeDoc plugin: Future and IterableObservable inherit RxJS's Observable members, whose doc comments link to RxJS
// names ({@link firstValueFrom}, {@link take}...) that are not part of these docs. This resolver points such links,
// and only links in comments that come from RxJS's own sources, at rxjs.dev; every other unresolved link stays a
// warning (and `npm run docs` treats warnings as errors).
const OPERATORS = new Set(['timeout', 'take', 'takeWhile', 'takeUntil', 'map', 'filter', 'mergeMap', 'switchMap']);

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.addUnknownSymbolResolver((ref, reflection) => {
    const fromRxjs = reflection.sources?.some((source) => /node_modules[\\/]rxjs[\\/]/.test(source.fullFileName));
    const name = ref.symbolReference?.path?.map((part) => part.path).join('.');
    if (!fromRxjs || !name || ref.moduleSource) return undefined;
    return OPERATORS.has(name)
      ? `https://rxjs.dev/api/operators/${name}`
      : `https://rxjs.dev/api/index/function/${name}`;
  });
}
