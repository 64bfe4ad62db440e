// The charts (ECharts, SVG renderer). Each chart's container is an image for assistive technology
// with a text alternative that says what the chart shows; meaning never rests on colour alone
// (signs, arrows, patterns, shapes and words come with every colour). Chart text is sized in rem,
// like the page's: each chart is drawn again when its container changes size, which it does when
// the text size changes (containers are sized in rem) as well as with the window.
import * as echarts from 'echarts';
import type { Explanation, Importance, ScatterPoint as Point } from './api-types';
import { t } from './i18n';
import { Contribution, distributionSummary, DistributionData, FamilyBar, familyWaterfall, gaugeScale, hasOutcomes, number, percent, sigmoid, waterfall } from './format';

export const COLORS = { granted: '#1d6b2f', refused: '#a4161a', review: '#5a2d82', neutral: '#0b4f8a', muted: '#5c6670', ink: '#1b1f24' };

/** A hatch for the "refused"/"defaulted" bars, so that they differ by more than their colour. */
const HATCH = { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.55)' };

interface Drawn {
  chart: echarts.ECharts;
  build: () => echarts.EChartsCoreOption;
  observer: ResizeObserver;
}

const charts = new Map<HTMLElement, Drawn>();

/** Pixels for a size given at the default 16 px text size, scaled with the page's text size. */
function px(size: number): number {
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return Math.round((size * root) / 16);
}

function chart(el: HTMLElement, alt: string, build: () => echarts.EChartsCoreOption): echarts.ECharts {
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', alt);
  let d = charts.get(el);
  if (!d) {
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      const drawn = charts.get(el);
      if (now === size || !drawn) return;
      size = now;
      drawn.chart.resize();
      draw(el, drawn);
    });
    observer.observe(el);
    d = { chart: c, build, observer };
    charts.set(el, d);
  }
  d.build = build;
  draw(el, d);
  return d.chart;
}

function draw(el: HTMLElement, d: Drawn): void {
  d.chart.setOption({ animation: false, textStyle: { fontSize: px(13), color: COLORS.ink }, ...d.build() }, true);
  // The SVG inside is decoration of the labelled container.
  el.querySelector('svg')?.setAttribute('aria-hidden', 'true');
}

export function disposeCharts(): void {
  for (const d of charts.values()) {
    d.observer.disconnect();
    d.chart.dispose();
  }
  charts.clear();
}

const axisText = () => ({ fontSize: px(12), color: COLORS.ink });

export function sparkline(el: HTMLElement, values: number[]): void {
  chart(el, t('volumeAlt', { values: values.join(', ') }), () => ({
    grid: { left: px(40), right: px(12), top: px(10), bottom: px(24) },
    xAxis: {
      type: 'category',
      data: values.map((_, i) => i - (values.length - 1)),
      axisTick: { show: false },
      axisLabel: { ...axisText(), interval: (i: number) => i === 0 || i === values.length - 1, formatter: (v: string) => (Number(v) === 0 ? t('now') : t('minutesAgo', { m: -Number(v) })) },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText() },
    series: [{ type: 'line', data: values, showSymbol: false, lineStyle: { color: COLORS.neutral, width: 2 }, areaStyle: { color: '#dbe7f3' } }],
  }));
}

/**
 * The risk against the threshold on a fixed scale, 0 to 100 % (the same dial for every client), the
 * granted part green and the refused part red, the review band amber when the decision carries
 * one, and a black tick at the threshold (a second gauge whose only pointer is the tick).
 */
export function gauge(el: HTMLElement, p: number, threshold: number, distanceText: string, band?: { low: number; high: number } | null): void {
  const scale = gaugeScale(threshold, band);
  const colour = { granted: COLORS.granted, review: COLORS.review, refused: COLORS.refused };
  const alt = `${t('gaugeAlt', { p: percent(p), t: percent(threshold), distance: distanceText })}${band ? ` ${t('gaugeBand', { low: percent(band.low), high: percent(band.high) })}` : ''}`;
  const dial = { min: 0, max: scale.max, startAngle: 200, endAngle: -20, radius: '92%', center: ['50%', '58%'] };
  chart(el, alt, () => ({
    series: [
      {
        type: 'gauge',
        ...dial,
        splitNumber: 5,
        axisLine: { lineStyle: { width: px(18), color: scale.stops.map((s) => [s.to, colour[s.kind]]) } },
        pointer: { width: px(6), itemStyle: { color: COLORS.ink } },
        axisTick: { show: false },
        splitLine: { length: px(18), lineStyle: { color: '#fff', width: 2 } },
        axisLabel: { distance: px(24), color: COLORS.ink, fontSize: px(12), formatter: (v: number) => percent(v / 100, 0) },
        detail: { valueAnimation: false, formatter: () => percent(p), fontSize: px(26), offsetCenter: [0, '35%'], color: COLORS.ink },
        title: { offsetCenter: [0, '62%'], fontSize: px(14), color: COLORS.ink },
        data: [{ value: Math.min(scale.max, Math.round(p * 1000) / 10), name: `${t('threshold')} ${percent(threshold)}` }],
      },
      {
        type: 'gauge',
        ...dial,
        axisLine: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        anchor: { show: false },
        detail: { show: false },
        title: { show: false },
        pointer: { icon: 'rect', length: '26%', width: px(4), offsetCenter: [0, '-76%'], itemStyle: { color: COLORS.ink } },
        data: [{ value: scale.tick }],
      },
    ],
  }));
}

/**
 * The waterfall of single contributions (the what-if's), in probability of default: from the
 * average applicant, each feature moves the risk up (red, ▲) or down (green, ▼) to this client's
 * risk, against the threshold; bars and their labels in percentage points, the axis's unit.
 */
export function waterfallChart(el: HTMLElement, base: number, top: Contribution[], others: number, threshold: number): void {
  // Added on the log-odds scale (where SHAP adds up), drawn and labelled in probability: each bar
  // is the change in percentage points it makes at its place, on an axis read in percent.
  const bars = waterfall(base, top, others, t('others')).map((b) => ({
    label: b.label,
    start: sigmoid(b.start),
    end: sigmoid(b.end),
    delta: (sigmoid(b.end) - sigmoid(b.start)) * 100,
  }));
  const end = bars.length ? bars[bars.length - 1].end : sigmoid(base);
  const cut = threshold;
  const start0 = sigmoid(base);
  const alt = t('waterfallAlt', {
    start: percent(start0),
    end: percent(end),
    items: top
      .slice(0, 5)
      .map((c, i) => `${c.label ?? c.feature} ${c.contribution > 0 ? t('raises') : t('lowers')} (${c.contribution > 0 ? '+' : '\u2212'}${t('points', { d: number(Math.abs(bars[i].delta), 1) })})`)
      .join('; '),
  });
  const lo = Math.min(...bars.map((b) => Math.min(b.start, b.end)), start0, cut);
  const hi = Math.max(...bars.map((b) => Math.max(b.start, b.end)), start0, cut);
  const pad = (hi - lo) * 0.12 || 0.02;
  chart(el, alt, () => {
    // Labels take at most a third of a narrow chart (the what-if's), and wrap onto two lines.
    const labelWidth = Math.min(px(260), Math.round(el.clientWidth * 0.34));
    return {
    grid: { left: labelWidth + px(10), right: px(70), top: px(48), bottom: px(48) },
    yAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      inverse: true,
      axisTick: { show: false },
      // Every bar named (no automatic thinning, which dropped the first and the last).
      axisLabel: {
        interval: 0,
        showMinLabel: true,
        showMaxLabel: true,
        width: labelWidth,
        overflow: 'break',
        lineOverflow: 'truncate',
        height: px(26),
        lineHeight: px(13),
        fontSize: px(12),
        color: COLORS.ink,
      },
    },
    xAxis: {
      type: 'value',
      name: t('riskAxisPoints'),
      nameLocation: 'middle',
      nameGap: px(28),
      nameTextStyle: { fontSize: px(12) },
      min: Math.max(0, lo - pad),
      max: Math.min(1, hi + pad),
      splitNumber: el.clientWidth < 700 ? 3 : 6,
      // Ticks fall on round log-odds; each is labelled with the risk it stands for. The two ends
      // are not round: unlabelled, so that they never run into their neighbours.
      axisLabel: { ...axisText(), showMinLabel: false, showMaxLabel: false, formatter: (v: number) => percent(v, hi - lo < 0.1 ? 1 : 0) },
    },
    series: [
      {
        type: 'custom',
        data: bars.map((b, i) => [i, b.start, b.end, b.delta]),
        encode: { x: [1, 2], y: 0 },
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[]; size: (p: number[]) => number[] }) => {
          const i = api.value(0);
          const start = api.coord([api.value(1), i]);
          const stop = api.coord([api.value(2), i]);
          const height = api.size([0, 1])[1] * 0.6;
          const delta = api.value(3);
          const x = Math.min(start[0], stop[0]);
          const width = Math.max(1, Math.abs(stop[0] - start[0]));
          return {
            type: 'group',
            children: [
              { type: 'rect', shape: { x, y: start[1] - height / 2, width, height }, style: { fill: delta > 0 ? COLORS.refused : COLORS.granted } },
              {
                type: 'text',
                style: { x: x + width + 4, y: start[1], text: `${delta > 0 ? '\u25b2 +' : '\u25bc \u2212'}${t('points', { d: number(Math.abs(delta), Math.abs(delta) < 0.1 ? 2 : 1) })}`, fill: COLORS.ink, fontSize: px(12), verticalAlign: 'middle' },
              },
            ],
          };
        },
        markLine: {
          symbol: 'none',
          silent: true,
          label: { fontSize: px(11), color: COLORS.ink, position: 'end' },
          data: [
            // Two rows above the plot, so that the two names never run into each other.
            { xAxis: start0, lineStyle: { color: COLORS.muted, type: 'dotted', width: 1.5 }, label: { formatter: t('averageApplicant', { p: percent(start0) }), position: 'start', distance: px(20) } },
            { xAxis: cut, lineStyle: { color: COLORS.ink, type: 'dashed', width: 1.5 }, label: { formatter: `${t('threshold')} ${percent(threshold)}`, position: 'start', distance: px(4) } },
          ],
        },
      },
    ],
    };
  });
}

/**
 * The waterfall by reason family, read in probability of default: from the average applicant,
 * each family moves the risk up (red, ▲) or down (green, ▼), each bar labelled with the change it
 * makes in percentage points, the axis's own unit, and with the client's value on its label; then
 * the families not shown in one bar. Markers: the average applicant, the threshold and where this
 * client ends. An expanded family (in {@code expanded}) is followed by its features; a click on a
 * family's bar calls {@code onToggle} with its code.
 */
export function familyWaterfallChart(
  el: HTMLElement,
  e: Explanation,
  threshold: number,
  expanded: ReadonlySet<string>,
  onToggle: (code: string) => void,
): void {
  const families = e.families ?? [];
  const bars = familyWaterfall(e.baseValue, families, e.familyOthers ?? 0, t('othersFamilies', { n: e.familyOthersCount ?? 0 }), t('otherFeaturesOfFamily'), expanded);
  const start = sigmoid(e.baseValue);
  const end = bars.length ? bars[bars.length - 1].end : start;
  const pts = (b: FamilyBar) => `${b.points >= 0 ? '\u25b2 +' : '\u25bc \u2212'}${t('points', { d: number(Math.abs(b.points), Math.abs(b.points) < 0.1 ? 2 : 1) })}`;
  const alt = t('waterfallAlt', {
    start: percent(start),
    end: percent(end),
    items: bars
      .filter((b) => b.kind === 'family')
      .slice(0, 5)
      .map((b) => `${b.label} (${b.valueText ?? ''}) ${b.points >= 0 ? t('raises') : t('lowers')} ${pts(b)}`)
      .join('; '),
  });
  const labels = bars.map((b) =>
    b.kind === 'feature'
      ? `{feat|${b.label}}${b.valueText ? `\n{val|${b.valueText}}` : ''}`
      : `{fam|${b.kind === 'family' ? (b.expanded ? '\u25be ' : '\u25b8 ') : ''}${b.label}}${b.valueText ? `\n{val|${b.valueText}}` : ''}`,
  );
  // Rows are sized in rem like the page, so the chart grows with its rows and with the text size.
  el.style.height = `${Math.max(14, bars.length * 3 + 8)}rem`;
  const lo = Math.min(...bars.map((b) => Math.min(b.start, b.end)), start, threshold, end);
  const hi = Math.max(...bars.map((b) => Math.max(b.start, b.end)), start, threshold, end);
  const pad = (hi - lo) * 0.1 || 0.02;
  const xMin = Math.max(0, lo - pad);
  const xMax = Math.min(1, hi + pad);
  // A marker's name is anchored so that it stays inside the chart whichever end its line is near.
  const align = (x: number) => ((x - xMin) / (xMax - xMin) < 0.3 ? 'left' : (x - xMin) / (xMax - xMin) > 0.7 ? 'right' : 'center');
  const c = chart(el, alt, () => {
    // On a phone the names go above their bars, across the chart's width, rather than beside it.
    const narrow = el.clientWidth < 600;
    const labelWidth = Math.min(px(280), Math.round(el.clientWidth * 0.42));
    const left = narrow ? px(8) : labelWidth + px(10);
    const plotWidth = el.clientWidth - left - px(84);
    const digits = hi - lo < 0.1 ? 1 : 0;
    return {
      grid: { left, right: px(84), top: px(64), bottom: px(52) },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        axisTick: { show: false },
        triggerEvent: true,
        axisLabel: {
          show: !narrow,
          interval: 0,
          width: labelWidth,
          overflow: 'truncate',
          color: COLORS.ink,
          rich: {
            fam: { fontSize: px(12), fontWeight: 'bold', width: labelWidth, overflow: 'truncate', lineHeight: px(15) },
            feat: { fontSize: px(11), width: labelWidth, overflow: 'truncate', lineHeight: px(14), padding: [0, 0, 0, px(12)] },
            val: { fontSize: px(11), color: COLORS.muted, width: labelWidth, overflow: 'truncate', lineHeight: px(14) },
          },
        },
      },
      xAxis: {
        type: 'value',
        name: t('riskAxisPoints'),
        nameLocation: 'middle',
        nameGap: px(30),
        nameTextStyle: { fontSize: px(12) },
        min: xMin,
        max: xMax,
        splitNumber: el.clientWidth < 700 ? 3 : 6,
        axisLabel: { ...axisText(), showMinLabel: false, showMaxLabel: false, formatter: (v: number) => percent(v, digits) },
      },
      series: [
        {
          type: 'custom',
          data: bars.map((b, i) => [i, b.start, b.end, b.points]),
          encode: { x: [1, 2], y: 0 },
          renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[]; size: (p: number[]) => number[] }) => {
            const i = api.value(0);
            const b = bars[i];
            const from = api.coord([api.value(1), i]);
            const to = api.coord([api.value(2), i]);
            const band = api.size([0, 1])[1];
            const height = band * (narrow ? 0.3 : b.kind === 'feature' ? 0.4 : 0.6) * (narrow && b.kind === 'feature' ? 0.7 : 1);
            // Narrow: the name on the band's upper half, the bar on its lower half.
            const y = narrow ? from[1] + band * 0.22 : from[1];
            const x = Math.min(from[0], to[0]);
            const width = Math.max(1, Math.abs(to[0] - from[0]));
            const fill = b.kind === 'rest' ? COLORS.muted : b.points > 0 ? COLORS.refused : COLORS.granted;
            return {
              type: 'group',
              children: [
                { type: 'rect', shape: { x, y: y - height / 2, width, height }, style: { fill, opacity: b.kind === 'feature' ? 0.7 : 1 } },
                ...(narrow
                  ? [
                      {
                        type: 'text',
                        style: {
                          x: left + (b.kind === 'feature' ? px(10) : 0),
                          y: from[1] - band * 0.05,
                          text: `${b.kind === 'family' ? (b.expanded ? '\u25be ' : '\u25b8 ') : ''}${b.label}${b.valueText ? ` \u00b7 ${b.valueText}` : ''}`,
                          width: plotWidth + px(70),
                          overflow: 'truncate',
                          fill: COLORS.ink,
                          fontSize: px(11),
                          fontWeight: b.kind === 'feature' ? 'normal' : 'bold',
                          verticalAlign: 'bottom',
                        },
                      },
                    ]
                  : []),
                { type: 'text', style: { x: x + width + 4, y, text: pts(b), fill: COLORS.ink, fontSize: px(b.kind === 'feature' ? 11 : 12), verticalAlign: 'middle' } },
              ],
            };
          },
          markLine: {
            symbol: 'none',
            silent: true,
            label: { fontSize: px(11), color: COLORS.ink, position: 'start' },
            data: [
              // Three rows above the plot, so that the names never run into each other.
              { xAxis: start, lineStyle: { color: COLORS.muted, type: 'dotted', width: 1.5 }, label: { formatter: t('averageApplicant', { p: percent(start) }), distance: px(36), align: align(start) } },
              { xAxis: threshold, lineStyle: { color: COLORS.ink, type: 'dashed', width: 1.5 }, label: { formatter: `${t('threshold')} ${percent(threshold)}`, distance: px(20), align: align(threshold) } },
              { xAxis: end, lineStyle: { color: end >= threshold ? COLORS.refused : COLORS.granted, type: 'solid', width: 2 }, label: { formatter: `\u25c6 ${t('thisClient', { p: percent(end) })}`, distance: px(4), fontWeight: 'bold', align: align(end) } },
            ],
          },
        },
      ],
    };
  });
  c.off('click');
  c.on('click', (params: { componentType?: string; dataIndex?: number; value?: unknown }) => {
    // A bar (its index) or its label on the axis (its text).
    const i = params.componentType === 'yAxis' ? labels.indexOf(String(params.value)) : (params.dataIndex ?? -1);
    const b = i < 0 ? undefined : bars[i];
    if (b?.kind === 'family') onToggle(b.key);
  });
}

/**
 * A feature's distribution in the training population: the defaulters' and the others' shares in
 * each bin side by side (hatched and plain bars, named in the legend), with the client's bin
 * marked; the summary sentence under the chart says the same in words.
 */
export function distributionChart(el: HTMLElement, d: DistributionData): void {
  const labels = d.binLabels?.length ? d.binLabels : d.reference.map((_, i) => (i < d.binEdges.length ? `\u2264 ${number(d.binEdges[i], 3)}` : `> ${number(d.binEdges[d.binEdges.length - 1], 3)}`));
  const label = d.label || d.feature;
  const alt = `${t('distributionAlt', { f: label, n: labels.length })} ${distributionSummary(d)}`;
  // The client's range: a lightly shaded band with a dashed outline, named above the plot.
  const client = () =>
    d.clientBin == null
      ? undefined
      : {
          silent: true,
          itemStyle: { color: 'rgba(242, 169, 0, 0.16)', borderColor: COLORS.ink, borderWidth: 1.5, borderType: 'dashed' },
          // Anchored so that the name stays inside the chart whichever end the client's range is at.
          label: {
            position: 'top',
            align: d.clientBin < labels.length / 3 ? 'left' : d.clientBin >= (2 * labels.length) / 3 ? 'right' : 'center',
            formatter: `\u25bc ${t('clientValueIs', { v: d.clientValueText ?? number(d.clientValue, 3) })}`,
            color: COLORS.ink,
            fontSize: px(12),
            fontWeight: 'bold',
          },
          data: [[{ xAxis: d.clientBin }, { xAxis: d.clientBin }]],
        };
  // Older bundles have no split by outcome: then the dashboard's own clients, by decision.
  const byOutcome = hasOutcomes(d);
  const series = () =>
    byOutcome
      ? [
          { name: t('repaidGroup'), type: 'bar', data: d.others!.shares, itemStyle: { color: COLORS.granted }, markArea: client() },
          { name: t('defaultersGroup'), type: 'bar', data: d.defaulters!.shares, itemStyle: { color: COLORS.refused, decal: HATCH } },
        ]
      : [
          { name: t('granted'), type: 'bar', data: d.granted, itemStyle: { color: COLORS.granted }, markArea: client() },
          { name: t('refused'), type: 'bar', data: d.refused, itemStyle: { color: COLORS.refused, decal: HATCH } },
        ];
  chart(el, alt, () => ({
    legend: { top: 0, textStyle: { fontSize: px(13), color: COLORS.ink }, itemWidth: px(28), itemHeight: px(16) },
    grid: { left: px(60), right: px(20), top: px(72), bottom: px(90) },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (byOutcome ? percent(v) : number(v, 0)) },
    xAxis: { type: 'category', name: label, nameLocation: 'middle', nameGap: px(70), nameTextStyle: { fontSize: px(12) }, data: labels, axisLabel: { ...axisText(), rotate: 30, fontSize: px(11) } },
    yAxis: {
      type: 'value',
      name: byOutcome ? t('shareOfGroup') : t('clientsHere'),
      nameTextStyle: { fontSize: px(12), align: 'left' },
      minInterval: byOutcome ? undefined : 1,
      axisLabel: { ...axisText(), formatter: (v: number) => (byOutcome ? percent(v, 0) : number(v, 0)) },
    },
    series: series(),
  }));
}

export function scatterChart(el: HTMLElement, xName: string, yName: string, points: Point[], client: Point | null): void {
  const ok = (p: Point) => p.x != null && p.y != null;
  const alt = t('bivariateAlt', { x: xName, y: yName, n: points.filter(ok).length, cx: number(client?.x ?? null, 3), cy: number(client?.y ?? null, 3) });
  chart(el, alt, () => ({
    legend: { top: 0, textStyle: { fontSize: px(13), color: COLORS.ink } },
    grid: { left: px(80), right: px(24), top: px(44), bottom: px(56) },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: px(32), nameTextStyle: { fontSize: px(12) }, scale: true, axisLabel: axisText() },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: px(60), nameTextStyle: { fontSize: px(12) }, scale: true, axisLabel: axisText() },
    series: [
      { name: t('granted'), type: 'scatter', symbol: 'circle', symbolSize: px(7), itemStyle: { color: COLORS.granted }, data: points.filter((p) => ok(p) && p.decision === 'GRANTED').map((p) => [p.x, p.y]) },
      { name: t('refused'), type: 'scatter', symbol: 'triangle', symbolSize: px(9), itemStyle: { color: COLORS.refused }, data: points.filter((p) => ok(p) && p.decision === 'REFUSED').map((p) => [p.x, p.y]) },
      { name: t('reviewed'), type: 'scatter', symbol: 'rect', symbolSize: px(8), itemStyle: { color: COLORS.review }, data: points.filter((p) => ok(p) && p.decision === 'REVIEW').map((p) => [p.x, p.y]) },
      { name: t('clientValue'), type: 'scatter', symbol: 'diamond', symbolSize: px(18), itemStyle: { color: '#f2a900', borderColor: COLORS.ink, borderWidth: 2 }, data: client && ok(client) ? [[client.x, client.y]] : [] },
    ],
  }));
}

export function importanceChart(el: HTMLElement, items: Importance[]): void {
  const name = (i: Importance) => i.label || i.feature;
  const alt = t('importanceAlt', { items: items.slice(0, 8).map((i) => `${name(i)} (${percent(i.importance)})`).join('; ') });
  chart(el, alt, () => ({
    grid: { left: px(290), right: px(60), top: px(10), bottom: px(24) },
    yAxis: { type: 'category', data: items.map(name), inverse: true, axisTick: { show: false }, axisLabel: { width: px(280), overflow: 'truncate', fontSize: px(12), color: COLORS.ink } },
    xAxis: { type: 'value', axisLabel: { ...axisText(), formatter: (v: number) => percent(v, 0) } },
    series: [{ type: 'bar', data: items.map((i) => i.importance), itemStyle: { color: COLORS.neutral }, label: { show: true, position: 'right', color: COLORS.ink, fontSize: px(12), formatter: (p: { value: number }) => percent(p.value) } }],
  }));
}

/** One line of a chart over time: [ISO time, value or null (a gap)] points. */
export interface TimeLine {
  name: string;
  data: [string, number | null][];
  /** A reference (training) value: dashed, without markers. */
  reference?: boolean;
}

/**
 * Lines over time (the Monitoring page): measured values solid with markers, references dashed, an
 * optional threshold as a labelled dotted line, the lines named in the legend; values in percent or
 * with three decimals.
 */
export function timeChart(
  el: HTMLElement,
  alt: string,
  lines: TimeLine[],
  opts: { percent?: boolean; min?: number; max?: number; mark?: { value: number; label: string }; timeLabel: (ms: number) => string },
): void {
  const fmt = (v: number) => (opts.percent ? percent(v, 0) : number(v, 3));
  chart(el, alt, () => ({
    legend: { top: 0, textStyle: { fontSize: px(13), color: COLORS.ink }, itemWidth: px(28), itemHeight: px(12) },
    grid: { left: px(64), right: px(28), top: px(44), bottom: px(36) },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '\u2014' : opts.percent ? percent(v) : number(v, 3)) },
    xAxis: { type: 'time', axisLabel: { ...axisText(), hideOverlap: true, formatter: (v: number) => opts.timeLabel(v) } },
    yAxis: { type: 'value', min: opts.min, max: opts.max, scale: opts.min == null, axisLabel: { ...axisText(), formatter: fmt } },
    series: lines.map((l, i) => ({
      name: l.name,
      type: 'line',
      data: l.data,
      connectNulls: false,
      showSymbol: !l.reference,
      symbol: 'circle',
      symbolSize: px(7),
      itemStyle: { color: l.reference ? COLORS.muted : COLORS.neutral },
      lineStyle: { width: 2, type: l.reference ? 'dashed' : 'solid', color: l.reference ? COLORS.muted : COLORS.neutral },
      markLine:
        i === 0 && opts.mark
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: COLORS.refused, type: 'dotted', width: 2 },
              label: { formatter: opts.mark.label, position: 'insideStartTop', color: COLORS.ink, fontSize: px(12) },
              data: [{ yAxis: opts.mark.value }],
            }
          : undefined,
    })),
  }));
}
