/**
 * Charts drawn as SVG, no library: columns (grouped or stacked), horizontal bars, a line and a
 * pie, each value labelled as the presentation's IsValueShownAsLabel asks, and a legend when
 * there are several series or slices. Every mark carries data-category / data-series /
 * data-value so a test reads what the user sees.
 */
import type { ChartData } from './chartQuery';

const NS = 'http://www.w3.org/2000/svg';
const W = 520;
const H = 250;

function s(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

const mark = (category: string, series: string, value: number) => ({
  'data-category': category,
  'data-series': series,
  'data-value': value,
});

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

const short = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const figure = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

function legend(labels: string[], palette: string[], x: number): SVGElement {
  return s(
    'g',
    { class: 'legend' },
    ...labels.map((l, i) =>
      s(
        'g',
        { transform: `translate(${x},${14 + i * 18})` },
        s('rect', { width: 10, height: 10, fill: palette[i % palette.length] }),
        s('text', { x: 14, y: 9 }, short(l, 22)),
      ),
    ),
  );
}

function columns(data: ChartData, palette: string[], stacked: boolean): SVGElement[] {
  const withLegend = data.series.length > 1;
  const left = 40;
  const plotW = (withLegend ? W - 150 : W) - left - 10;
  const plotH = H - 50;
  const totals = data.categories.map((_, i) => data.series.reduce((n, se) => n + se.values[i], 0));
  const singles = data.series.flatMap((se) => se.values);
  const max = niceMax(Math.max(0, ...(stacked ? totals : singles)));
  const band = plotW / Math.max(1, data.categories.length);
  const y = (v: number) => 10 + plotH - (v / max) * plotH;
  const out: SVGElement[] = [
    s('line', { x1: left, y1: y(0), x2: left + plotW, y2: y(0), class: 'axis' }),
    ...[0, max / 2, max].map((t) =>
      s('text', { x: left - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, figure(t)),
    ),
  ];
  data.categories.forEach((category, i) => {
    let base = 0;
    const width = stacked ? band * 0.6 : (band * 0.7) / data.series.length;
    data.series.forEach((se, j) => {
      const v = se.values[i];
      if (v === 0 && stacked) return;
      const x = left + i * band + band * (stacked ? 0.2 : 0.15) + (stacked ? 0 : j * width);
      const top = y(base + v);
      const color = palette[j % palette.length];
      out.push(
        s('rect', { x, y: top, width, height: y(base) - top, fill: color, ...mark(category, se.label, v) }),
      );
      if (!stacked)
        out.push(
          s('text', { x: x + width / 2, y: top - 3, class: 'value', 'text-anchor': 'middle' }, figure(v)),
        );
      base = stacked ? base + v : 0;
    });
    if (stacked)
      out.push(
        s(
          'text',
          { x: left + i * band + band / 2, y: y(base) - 3, class: 'value', 'text-anchor': 'middle' },
          figure(base),
        ),
      );
    out.push(
      s(
        'text',
        { x: left + i * band + band / 2, y: H - 24, class: 'category', 'text-anchor': 'middle' },
        short(category, Math.max(4, Math.floor(band / 7))),
      ),
    );
  });
  if (withLegend)
    out.push(
      legend(
        data.series.map((se) => se.label),
        palette,
        W - 140,
      ),
    );
  return out;
}

function bars(data: ChartData, palette: string[]): SVGElement[] {
  const [se] = data.series;
  const max = niceMax(Math.max(0, ...se.values));
  const row = Math.min(24, (H - 10) / Math.max(1, data.categories.length));
  const left = 200;
  return data.categories.flatMap((category, i) => {
    const v = se.values[i];
    const width = ((W - left - 40) * v) / max;
    const yy = 5 + i * row;
    return [
      s(
        'text',
        { x: left - 6, y: yy + row * 0.65, class: 'category', 'text-anchor': 'end' },
        s('title', {}, category),
        short(category, 30),
      ),
      s('rect', {
        x: left,
        y: yy + 2,
        width,
        height: row - 6,
        fill: palette[0],
        ...mark(category, se.label, v),
      }),
      s('text', { x: left + width + 4, y: yy + row * 0.65, class: 'value' }, figure(v)),
    ];
  });
}

function line(data: ChartData, palette: string[]): SVGElement[] {
  const [se] = data.series;
  const max = niceMax(Math.max(0, ...se.values));
  const step = (W - 60) / Math.max(1, data.categories.length - 1);
  const pts = se.values.map((v, i) => [40 + i * step, 10 + (H - 50) * (1 - v / max)] as const);
  return [
    s('polyline', {
      points: pts.map((p) => p.join(',')).join(' '),
      fill: 'none',
      stroke: palette[0],
      'stroke-width': 2,
    }),
    ...pts.map(([x, yy], i) =>
      s('circle', {
        cx: x,
        cy: yy,
        r: 3,
        fill: palette[0],
        ...mark(data.categories[i], se.label, se.values[i]),
      }),
    ),
  ];
}

function pie(data: ChartData, palette: string[]): SVGElement[] {
  const [se] = data.series;
  const total = se.values.reduce((n, v) => n + v, 0) || 1;
  const [cx, cy, r] = [120, H / 2, 100];
  let angle = -Math.PI / 2;
  const slices = se.values.map((v, i) => {
    const a = (v / total) * Math.PI * 2;
    const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    angle += a;
    const [x2, y2] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    const d =
      v === total
        ? `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`
        : `M${cx},${cy}L${x1},${y1}A${r},${r} 0 ${a > Math.PI ? 1 : 0},1 ${x2},${y2}Z`;
    return s('path', { d, fill: palette[i % palette.length], ...mark(data.categories[i], se.label, v) });
  });
  return [
    ...slices,
    legend(
      data.categories.map((c, i) => `${c}: ${figure(se.values[i])}`),
      palette,
      250,
    ),
  ];
}

export function chartSvg(kind: string, data: ChartData, palette: string[], label: string): SVGElement {
  const root = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart' });
  if (data.categories.length === 0) {
    root.append(
      s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'No data available.'),
    );
    return root;
  }
  const k = kind.toLowerCase();
  const parts =
    k === 'pie' || k === 'doughnut'
      ? pie(data, palette)
      : k === 'bar'
        ? bars(data, palette)
        : k === 'line'
          ? line(data, palette)
          : columns(data, palette, k.startsWith('stacked'));
  root.append(...parts);
  return root;
}
