// The charts (ECharts, SVG renderer). Each chart's container is an image for assistive technology
// with a text alternative that says what the chart shows; meaning never rests on colour alone
// (signs, arrows and words come with every colour).
import * as echarts from 'echarts';
import { t } from './i18n';
import { Contribution, number, percent, waterfall } from './format';

export const COLORS = { granted: '#1d6b2f', refused: '#a4161a', neutral: '#0b4f8a', muted: '#5c6670' };

const charts = new Map<HTMLElement, echarts.ECharts>();

function chart(el: HTMLElement, alt: string, option: echarts.EChartsCoreOption): echarts.ECharts {
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', alt);
  let c = charts.get(el);
  if (!c) {
    c = echarts.init(el, undefined, { renderer: 'svg' });
    charts.set(el, c);
  }
  c.setOption({ animation: false, textStyle: { fontSize: 13, color: '#1b1f24' }, ...option }, true);
  // The SVG inside is decoration of the labelled container.
  el.querySelector('svg')?.setAttribute('aria-hidden', 'true');
  return c;
}

export function disposeCharts(): void {
  for (const c of charts.values()) c.dispose();
  charts.clear();
}

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

export function sparkline(el: HTMLElement, values: number[]): void {
  chart(el, t('volumeAlt', { values: values.join(', ') }), {
    grid: { left: 30, right: 8, top: 8, bottom: 20 },
    xAxis: { type: 'category', data: values.map((_, i) => `-${values.length - 1 - i}`), axisLabel: { show: false } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', data: values, showSymbol: false, lineStyle: { color: COLORS.neutral, width: 2 }, areaStyle: { color: '#dbe7f3' } }],
  });
}

export function gauge(el: HTMLElement, p: number, threshold: number, distanceText: string): void {
  // The scale ends at a round value above both the threshold and the probability, so that a low
  // threshold (a few percent) is not squeezed against the start of the dial.
  const max = Math.min(100, Math.max(10, Math.ceil((Math.max(p, threshold) * 100 * 2) / 10) * 10));
  chart(el, t('gaugeAlt', { p: percent(p), t: percent(threshold), distance: distanceText }), {
    series: [
      {
        type: 'gauge',
        min: 0,
        max,
        splitNumber: 5,
        startAngle: 200,
        endAngle: -20,
        radius: '95%',
        center: ['50%', '60%'],
        axisLine: { lineStyle: { width: 18, color: [[(threshold * 100) / max, COLORS.granted], [1, COLORS.refused]] } },
        pointer: { width: 6, itemStyle: { color: '#1b1f24' } },
        axisTick: { show: false },
        splitLine: { length: 18, lineStyle: { color: '#fff', width: 2 } },
        axisLabel: { distance: 24, color: '#1b1f24', formatter: (v: number) => `${Math.round(v)}%` },
        detail: { valueAnimation: false, formatter: () => percent(p), fontSize: 26, offsetCenter: [0, '35%'], color: '#1b1f24' },
        title: { offsetCenter: [0, '62%'], fontSize: 13, color: '#1b1f24' },
        data: [{ value: Math.min(max, Math.round(p * 1000) / 10), name: `${t('threshold')} ${percent(threshold)}` }],
        markLine: undefined,
      },
    ],
  });
}

export function waterfallChart(el: HTMLElement, base: number, top: Contribution[], others: number): void {
  const bars = waterfall(base, top, others, t('others'));
  const labels = bars.map((b) => b.label);
  const alt = t('waterfallAlt', {
    items: top
      .slice(0, 5)
      .map((c) => `${c.description || c.feature} ${c.contribution > 0 ? t('raises') : t('lowers')} (${c.contribution > 0 ? '+' : '\u2212'}${number(Math.abs(c.contribution), 2)})`)
      .join('; '),
  });
  // A custom series draws each bar from its running start to its end: stacked bars cannot, as the
  // log-odds are mostly negative.
  const lo = Math.min(...bars.map((b) => Math.min(b.start, b.end)), base);
  const hi = Math.max(...bars.map((b) => Math.max(b.start, b.end)), base);
  const pad = (hi - lo) * 0.15 || 0.5;
  chart(el, alt, {
    grid: { left: 230, right: 30, top: 10, bottom: 40 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 220, overflow: 'truncate', fontSize: 12 } },
    xAxis: { type: 'value', name: 'log-odds', nameLocation: 'middle', nameGap: 24, min: lo - pad, max: hi + pad, axisLabel: { formatter: (v: number) => number(v, 1) } },
    series: [
      {
        type: 'custom',
        data: bars.map((b, i) => [i, b.start, b.end, b.delta]),
        encode: { x: [1, 2], y: 0 },
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[]; size: (p: number[]) => number[] }) => {
          const i = api.value(0);
          const start = api.coord([api.value(1), i]);
          const end = api.coord([api.value(2), i]);
          const height = api.size([0, 1])[1] * 0.6;
          const delta = api.value(3);
          const x = Math.min(start[0], end[0]);
          const width = Math.max(1, Math.abs(end[0] - start[0]));
          return {
            type: 'group',
            children: [
              { type: 'rect', shape: { x, y: start[1] - height / 2, width, height }, style: { fill: delta > 0 ? COLORS.refused : COLORS.granted } },
              {
                type: 'text',
                style: {
                  x: x + width + 4,
                  y: start[1],
                  text: `${delta > 0 ? '\u25b2 +' : '\u25bc \u2212'}${number(Math.abs(delta), 2)}`,
                  fill: '#1b1f24',
                  fontSize: 12,
                  verticalAlign: 'middle',
                },
              },
            ],
          };
        },
      },
    ],
  });
}

export interface DistributionData {
  feature: string;
  description: string;
  clientValue: number | null;
  clientBin: number | null;
  binEdges: number[];
  reference: number[];
  granted: number[];
  refused: number[];
}

export function distributionChart(el: HTMLElement, d: DistributionData): void {
  const labels = d.reference.map((_, i) => (i < d.binEdges.length ? `\u2264 ${number(d.binEdges[i], 3)}` : `> ${number(d.binEdges[d.binEdges.length - 1], 3)}`));
  const alt = t('distributionAlt', {
    f: d.description || d.feature,
    v: number(d.clientValue, 3),
    b: d.clientBin == null ? '\u2014' : d.clientBin + 1,
    n: labels.length,
  });
  chart(el, alt, {
    legend: { top: 0 },
    grid: { left: 50, right: 50, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 30, fontSize: 11 } },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', axisLabel: { formatter: (v: number) => percent(v, 0) } }],
    tooltip: { trigger: 'axis' },
    series: [
      { name: t('granted'), type: 'bar', data: d.granted, itemStyle: { color: COLORS.granted } },
      { name: t('refused'), type: 'bar', data: d.refused, itemStyle: { color: COLORS.refused, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.5)' } } },
      {
        name: t('population'),
        type: 'line',
        yAxisIndex: 1,
        data: d.reference,
        lineStyle: { color: COLORS.neutral, type: 'dashed' },
        itemStyle: { color: COLORS.neutral },
        markLine:
          d.clientBin == null
            ? undefined
            : { symbol: 'none', lineStyle: { color: '#1b1f24', width: 2 }, label: { formatter: t('clientValue'), color: '#1b1f24' }, data: [{ xAxis: d.clientBin }] },
      },
    ],
  });
}

export interface Point {
  clientId: number;
  x: number | null;
  y: number | null;
  decision: string;
}

export function scatterChart(el: HTMLElement, xName: string, yName: string, points: Point[], client: Point | null): void {
  const ok = (p: Point) => p.x != null && p.y != null;
  const alt = t('bivariateAlt', { x: xName, y: yName, n: points.filter(ok).length, cx: number(client?.x ?? null, 3), cy: number(client?.y ?? null, 3) });
  chart(el, alt, {
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 55, scale: true },
    series: [
      { name: t('granted'), type: 'scatter', symbol: 'circle', symbolSize: 6, itemStyle: { color: COLORS.granted }, data: points.filter((p) => ok(p) && p.decision === 'GRANTED').map((p) => [p.x, p.y]) },
      { name: t('refused'), type: 'scatter', symbol: 'triangle', symbolSize: 8, itemStyle: { color: COLORS.refused }, data: points.filter((p) => ok(p) && p.decision === 'REFUSED').map((p) => [p.x, p.y]) },
      { name: t('clientValue'), type: 'scatter', symbol: 'diamond', symbolSize: 18, itemStyle: { color: '#f2a900', borderColor: '#1b1f24', borderWidth: 2 }, data: client && ok(client) ? [[client.x, client.y]] : [] },
    ],
  });
}

export function importanceChart(el: HTMLElement, items: { feature: string; description: string; importance: number }[]): void {
  const alt = t('importanceAlt', { items: items.slice(0, 8).map((i) => `${i.description || i.feature} (${percent(i.importance)})`).join('; ') });
  chart(el, alt, {
    grid: { left: 230, right: 60, top: 10, bottom: 20 },
    yAxis: { type: 'category', data: items.map((i) => i.feature), inverse: true, axisLabel: { width: 220, overflow: 'truncate', fontSize: 12 } },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => percent(v, 0) } },
    series: [{ type: 'bar', data: items.map((i) => i.importance), itemStyle: { color: COLORS.neutral }, label: { show: true, position: 'right', color: '#1b1f24', formatter: (p: { value: number }) => percent(p.value) } }],
  });
}
