// The chart of the main ratios, rendered to SVG by Vega in Node (no browser, no canvas): one panel per workload,
// one bar per system, the bar's length its time ÷ rxfutures' time on a log scale, with a rule at 1.
import { formatNumber } from './stats.mjs';

const PANEL_ROW = 16;

/**
 * SVG of the ratios. `bars` = [{ panel, system, ratio, rxfutures }]; panels and bars keep their order in `bars`.
 */
export async function renderChart(bars, { title }) {
  const vega = await import('vega');
  const ratios = bars.map((bar) => bar.ratio);
  const low = Math.min(0.5, ...ratios) / 1.2;
  const high = Math.max(2, ...ratios) * 1.6;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    title: { text: title, anchor: 'start', fontSize: 14, subtitle: 'time ÷ rxfutures time, log scale: right of 1 = slower than rxfutures', subtitleColor: '#555' },
    padding: 8,
    width: 420,
    autosize: 'pad',
    background: 'white',
    data: [
      {
        name: 'bars',
        values: bars.map((bar, index) => ({ ...bar, order: index, text: `${formatNumber(bar.ratio)}×` })),
      },
    ],
    scales: [
      { name: 'x', type: 'log', domain: [low, high], range: 'width', nice: false, clamp: true },
      { name: 'color', type: 'ordinal', domain: [true, false], range: ['#d1495b', '#6c8ebf'] },
    ],
    layout: { columns: 1, padding: 40, bounds: 'flush' },
    marks: [
      {
        type: 'group',
        from: {
          facet: { name: 'panel', data: 'bars', groupby: 'panel', aggregate: { fields: ['order', 'order'], ops: ['count', 'min'], as: ['n', 'first'] } },
        },
        sort: { field: 'datum.first' },
        encode: { update: { width: { signal: 'width' }, height: { signal: `datum.n * ${PANEL_ROW}` } } },
        title: { text: { signal: 'parent.panel' }, anchor: 'start', fontSize: 12, offset: 4 },
        scales: [
          { name: 'y', type: 'band', domain: { data: 'panel', field: 'system', sort: { field: 'order', op: 'min' } }, range: { step: PANEL_ROW }, padding: 0.2 },
        ],
        axes: [
          { orient: 'left', scale: 'y', ticks: false, domain: false, labelLimit: 320, labelFontSize: 10 },
          { orient: 'bottom', scale: 'x', grid: true, gridOpacity: 0.25, labelFontSize: 9, values: ticks(low, high), format: '~g', labels: true },
        ],
        marks: [
          {
            type: 'rect',
            from: { data: 'panel' },
            encode: {
              update: {
                x: { scale: 'x', value: 1 },
                x2: { scale: 'x', field: 'ratio' },
                y: { scale: 'y', field: 'system' },
                height: { scale: 'y', band: 1 },
                fill: { scale: 'color', field: 'rxfutures' },
              },
            },
          },
          {
            type: 'text',
            from: { data: 'panel' },
            encode: {
              update: {
                x: { scale: 'x', signal: 'max(datum.ratio, 1)' },
                dx: { value: 3 },
                y: { scale: 'y', field: 'system', band: 0.5 },
                baseline: { value: 'middle' },
                fontSize: { value: 9 },
                text: { field: 'text' },
              },
            },
          },
          {
            type: 'rule',
            encode: {
              update: {
                x: { scale: 'x', value: 1 },
                y: { value: 0 },
                y2: { field: { group: 'height' } },
                stroke: { value: '#222' },
              },
            },
          },
        ],
      },
    ],
  };
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Log-scale tick values 0.1, 0.2, 0.5, 1, 2, 5, 10, ... within [low, high]. */
function ticks(low, high) {
  const values = [];
  for (let decade = 1e-3; decade <= high; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const value = decade * step;
      if (value >= low && value <= high) values.push(Number(value.toPrecision(1)));
    }
  }
  return values;
}
