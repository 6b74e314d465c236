// Renders the pipeline's CloudWatch dashboard to docs/dashboard.svg and docs/dashboard.png (docs/operations.md: "Alarms
// beyond failures, model metrics and the dashboard"): the example stack's pipeline with `dashboard: {}` and a schedule whose
// inline config is sample_configs/input_media.json (so a dataset group, solutions, a campaign and recommenders are
// known at synth time) is synthesized, the `AWS::CloudWatch::Dashboard`'s `DashboardBody` resolved and parsed, and
// every widget drawn where the body puts it on CloudWatch's 24-column grid, with its title, axes, legend and
// annotations. There is no data: the lines are placeholders, and the picture says so.
//
//   npx projen docs:dashboard
//
// The PNG is made with `rsvg-convert` (Debian: librsvg2-bin); without it only the SVG is written.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EVERY_OPTION } from '../example/every-option';
import { TemplateResolver } from '../simulator/runner/template-resolver';
import { PersonalizeMlOpsPipeline, PersonalizeMlOpsPipelineProps } from '../src';

const ROOT = path.join(__dirname, '..');
const ENV = { account: '123456789012', region: 'us-east-1' };

/** The body of a dashboard, as CloudWatch reads it (the fields drawn here). */
export interface DashboardBody {
  readonly start?: string;
  readonly periodOverride?: string;
  readonly widgets: Widget[];
}

interface Widget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: any;
}

/**
 * The example stack's pipeline (every option, a fleet) with a dashboard and a schedule whose inline config is
 * `input_media`: its `DashboardBody`, resolved (ARNs as if each logical ID were the resource's name) and parsed.
 */
export function exampleDashboardBody(extra: Partial<PersonalizeMlOpsPipelineProps> = {}): DashboardBody {
  const stack = new Stack(new App(), 'PersonalizeMlOpsExample', { env: ENV });
  const bucket = s3.Bucket.fromBucketName(stack, 'DemoBucket', 'personalize-mlops-demo-data');
  const inlineConfig = readFileSync(path.join(ROOT, 'sample_configs', 'input_media.json'), 'utf8');
  new PersonalizeMlOpsPipeline(stack, 'PersonalizePipelineSolution', {
    ...EVERY_OPTION,
    fleet: { bucket },
    schedules: [{ name: 'daily-media', expression: 'rate(1 day)', inlineConfig }],
    dashboard: {},
    ...extra,
  });
  const json = Template.fromStack(stack).toJSON();
  const dashboards = Object.values<any>(json.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
  if (dashboards.length !== 1) throw new Error(`expected one AWS::CloudWatch::Dashboard, found ${dashboards.length}`);
  const resolved = new TemplateResolver(json as any, { partition: 'aws', ...ENV }).resolve(dashboards[0].Properties.DashboardBody);
  return JSON.parse(resolved);
}

// Drawing scale: CloudWatch's grid is 24 columns wide; a row unit is drawn a little shorter than a column.
const COL = 50;
const ROW = 42;
const PAD = 16;
const HEADER = 64;
const FOOTER = 34;
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const MONO = 'DejaVu Sans Mono, Menlo, Consolas, monospace';
// CloudWatch's default series colours.
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94'];
const ANNOTATION = '#d13212';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Roughly how wide a text is (DejaVu Sans averages about 0.6 em a character). */
const textWidth = (s: string, size: number): number => s.length * size * 0.6;
const fit = (s: string, size: number, width: number): string => {
  if (textWidth(s, size) <= width) return s;
  const n = Math.max(1, Math.floor(width / (size * 0.6)) - 1);
  return `${s.slice(0, n)}…`;
};
const fmt = (v: number): string => (Math.abs(v) >= 1000 ? `${+(v / 1000).toPrecision(3)}k` : `${+v.toPrecision(3)}`);

/** A deterministic pseudo-random sequence from a string, so the placeholder lines do not change between renders. */
function seeded(key: string): () => number {
  // Park–Miller's minimal standard generator, seeded from the key's characters.
  let h = 1;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) % 2147483647;
  return () => {
    h = (h * 48271) % 2147483647;
    return h / 2147483647;
  };
}

/** A series as the legend shows it: its label, colour and axis. */
interface Series {
  readonly label: string;
  readonly color: string;
  readonly axis: 'left' | 'right';
}

/** The visible lines of a metric widget, each metric array entry read as CloudWatch does (`"."` repeats above). */
function seriesOf(properties: any): Series[] {
  const out: Series[] = [];
  let previous: any[] = [];
  for (const entry of properties.metrics ?? []) {
    const options = typeof entry[entry.length - 1] === 'object' ? entry[entry.length - 1] : {};
    const fields = entry.slice(0, typeof entry[entry.length - 1] === 'object' ? -1 : entry.length)
      .map((f: string, i: number) => (f === '.' ? previous[i] : f));
    previous = fields;
    if (options.visible === false) continue;
    const label = options.label ? options.label
      : options.expression ? (/^SEARCH\(/.test(options.expression) ? 'SEARCH: a line per metric found' : options.expression)
        : `${fields[1] ?? 'metric'}`;
    out.push({ label, color: options.color ?? PALETTE[out.length % PALETTE.length], axis: options.yAxis === 'right' ? 'right' : 'left' });
  }
  return out;
}

/** `niceTicks(0, 7.3)` → 0, 2, 4, 6, 8. */
function niceTicks(min: number, max: number, count = 4): number[] {
  const raw = (max - min) / count || 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
  if (ticks[ticks.length - 1] < max) ticks.push(+(ticks[ticks.length - 1] + step).toPrecision(12));
  return ticks;
}

/** The `-P14D` of a body's `start`, in days (for the time axis). */
function rangeDays(start: string | undefined): number {
  const m = /^-P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(start ?? '');
  if (!m) return 14;
  return (+(m[1] ?? 0)) * 7 + (+(m[2] ?? 0)) + (+(m[3] ?? 0)) / 24 || 14;
}

function drawText(w: Widget, x: number, y: number, width: number, height: number): string {
  const parts: string[] = [`<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#ffffff" stroke="#d5dbdb"/>`];
  let cy = y + 8;
  for (const line of String(w.properties.markdown ?? '').split('\n')) {
    const heading = /^(#+)\s*(.*)$/.exec(line);
    const size = heading ? (heading[1].length <= 2 ? 17 : 15) : 12;
    cy += size + 4;
    if (cy > y + height) break;
    const text = heading ? heading[2] : line;
    // `code` spans in a monospace face.
    const spans = text.split('`').map((chunk, i) => (i % 2 === 1
      ? `<tspan font-family="${MONO}" fill="#5a2ca0">${esc(chunk)}</tspan>`
      : `<tspan>${esc(chunk)}</tspan>`)).join('');
    parts.push(`<text x="${x + 12}" y="${cy}" xml:space="preserve" font-size="${size}" font-weight="${heading ? 'bold' : 'normal'}" fill="#16191f">${spans}</text>`);
  }
  return parts.join('\n');
}

function drawMetric(w: Widget, x: number, y: number, width: number, height: number, days: number): string {
  const p = w.properties;
  const series = seriesOf(p);
  const annotations: Array<{ value: number; label?: string; yAxis?: string }> = p.annotations?.horizontal ?? [];
  const legendRight = p.legend?.position === 'right';
  const hasRight = series.some((s) => s.axis === 'right');
  const parts: string[] = [`<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#ffffff" stroke="#d5dbdb"/>`];
  const title = fit(String(p.title ?? ''), 13, width - 24);
  parts.push(`<text x="${x + 12}" y="${y + 22}" font-size="13" font-weight="bold" fill="#16191f">${esc(title)}</text>`);

  // The legend's entries: the series, then the annotations (CloudWatch lists both).
  const entries = [...series.map((s) => ({ ...s, dashed: false })),
    ...annotations.map((a) => ({ label: a.label ?? `${a.value}`, color: ANNOTATION, axis: 'left' as const, dashed: true }))];
  const legendWidth = legendRight ? Math.min(170, Math.max(...entries.map((e) => textWidth(e.label, 10) + 22), 60)) : 0;
  const legendLineHeight = 13;
  // A bottom legend flows across the widget's width.
  const rows: Array<typeof entries> = [];
  if (!legendRight) {
    let row: typeof entries = [];
    let used = 0;
    for (const e of entries) {
      const wEntry = textWidth(e.label, 10) + 30;
      if (row.length && used + wEntry > width - 40) {
        rows.push(row);
        row = [];
        used = 0;
      }
      row.push(e);
      used += wEntry;
    }
    if (row.length) rows.push(row);
  }
  const legendHeight = legendRight ? 0 : rows.length * legendLineHeight + 6;

  const plot = {
    x0: x + 46,
    x1: x + width - (hasRight ? 46 : 16) - (legendRight ? legendWidth + 8 : 0),
    y0: y + 36,
    y1: y + height - 22 - legendHeight,
  };

  // The axes' ranges. Tick values are printed only where the body bounds the axis (a `min` and a `max`), and the
  // annotations' values on their lines; elsewhere the scale depends on data, and the grid is left unnumbered.
  const axisRange = (axis: 'left' | 'right'): { range: [number, number]; known: boolean } => {
    const bounds = p.yAxis?.[axis] ?? {};
    const onAxis = annotations.filter((a) => (a.yAxis ?? 'left') === axis).map((a) => a.value);
    const min = bounds.min ?? 0;
    const max = bounds.max ?? (onAxis.length ? Math.max(...onAxis) * 3 : 1);
    return { range: [min, max], known: bounds.min !== undefined && bounds.max !== undefined };
  };
  const { range: left, known: leftKnown } = axisRange('left');
  const { range: right, known: rightKnown } = axisRange('right');
  const yOf = (v: number, [min, max]: [number, number]) => plot.y1 - ((v - min) / (max - min || 1)) * (plot.y1 - plot.y0);
  const ticks = ([min, max]: [number, number], known: boolean) => (known ? niceTicks(min, max).filter((t) => t <= max + 1e-9)
    : [0, 0.25, 0.5, 0.75, 1].map((f) => min + f * (max - min)));

  // Grid, y ticks and the time axis.
  for (const t of ticks(left, leftKnown)) {
    const ty = yOf(t, left);
    parts.push(`<line x1="${plot.x0}" y1="${ty}" x2="${plot.x1}" y2="${ty}" stroke="#eaeded"/>`);
    if (leftKnown) parts.push(`<text x="${plot.x0 - 6}" y="${ty + 3.5}" font-size="10" fill="#545b64" text-anchor="end">${fmt(t)}</text>`);
  }
  if (hasRight && rightKnown) {
    for (const t of ticks(right, true)) {
      parts.push(`<text x="${plot.x1 + 6}" y="${yOf(t, right) + 3.5}" font-size="10" fill="#545b64">${fmt(t)}</text>`);
    }
  }
  if (!leftKnown) parts.push(`<text x="${plot.x0 - 6}" y="${plot.y1 + 3.5}" font-size="10" fill="#545b64" text-anchor="end">${fmt(left[0])}</text>`);
  if (hasRight && !rightKnown) parts.push(`<text x="${plot.x1 + 6}" y="${plot.y1 + 3.5}" font-size="10" fill="#545b64">${fmt(right[0])}</text>`);
  parts.push(`<text x="${plot.x0 + 4}" y="${plot.y0 + 10}" font-size="9" font-style="italic" fill="#879596">no data: placeholder lines</text>`);
  parts.push(`<line x1="${plot.x0}" y1="${plot.y1}" x2="${plot.x1}" y2="${plot.y1}" stroke="#879596"/>`);
  parts.push(`<line x1="${plot.x0}" y1="${plot.y0}" x2="${plot.x0}" y2="${plot.y1}" stroke="#879596"/>`);
  if (hasRight) parts.push(`<line x1="${plot.x1}" y1="${plot.y0}" x2="${plot.x1}" y2="${plot.y1}" stroke="#879596"/>`);
  const step = days > 7 ? Math.ceil(days / 7) : 1;
  for (let d = 0; d <= days; d += step) {
    const tx = plot.x0 + ((days - d) / days) * (plot.x1 - plot.x0);
    parts.push(`<line x1="${tx}" y1="${plot.y1}" x2="${tx}" y2="${plot.y1 + 4}" stroke="#879596"/>`);
    parts.push(`<text x="${tx}" y="${plot.y1 + 15}" font-size="10" fill="#545b64" text-anchor="middle">${d === 0 ? 'now' : `−${d}d`}</text>`);
  }

  // Placeholder lines (no data): a gentle seeded wave per series, each in a band of its own, inside its axis' range.
  const points = 56;
  series.forEach((s, i) => {
    const rnd = seeded(`${p.title}|${s.label}|${i}`);
    const range = s.axis === 'right' ? right : left;
    const base = 0.2 + (0.6 * (i + 0.5)) / series.length;
    const amplitude = Math.min(0.08, 0.25 / series.length);
    const phase = rnd() * Math.PI * 2;
    const pts: string[] = [];
    for (let k = 0; k <= points; k++) {
      const f = base + amplitude * Math.sin(phase + k / 4) + amplitude * 0.5 * (rnd() - 0.5);
      const v = range[0] + Math.min(0.95, Math.max(0.03, f)) * (range[1] - range[0]);
      pts.push(`${(plot.x0 + (k / points) * (plot.x1 - plot.x0)).toFixed(1)},${yOf(v, range).toFixed(1)}`);
    }
    parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.3" stroke-opacity="0.6"/>`);
  });
  for (const a of annotations) {
    const range = a.yAxis === 'right' ? right : left;
    const ay = yOf(a.value, range);
    parts.push(`<line x1="${plot.x0}" y1="${ay}" x2="${plot.x1}" y2="${ay}" stroke="${ANNOTATION}" stroke-width="1.5" stroke-dasharray="7 4"/>`);
    parts.push(`<text x="${plot.x1 - 4}" y="${ay - 4}" font-size="10" fill="${ANNOTATION}" text-anchor="end">${esc(`${a.label ?? ''} ${fmt(a.value)}`.trim())}</text>`);
  }

  // The legend.
  const swatch = (e: (typeof entries)[number], sx: number, sy: number) => (e.dashed
    ? `<line x1="${sx}" y1="${sy - 3.5}" x2="${sx + 14}" y2="${sy - 3.5}" stroke="${e.color}" stroke-width="2" stroke-dasharray="4 2"/>`
    : `<rect x="${sx}" y="${sy - 8}" width="10" height="10" fill="${e.color}"/>`);
  if (legendRight) {
    const lx = x + width - legendWidth - 8;
    const fits = Math.floor((height - 44) / legendLineHeight);
    const shown = entries.length > fits ? entries.slice(0, fits - 1) : entries;
    shown.forEach((e, i) => {
      const ly = y + 44 + i * legendLineHeight;
      parts.push(swatch(e, lx, ly));
      parts.push(`<text x="${lx + 16}" y="${ly}" font-size="10" fill="#16191f">${esc(fit(e.label, 10, legendWidth - 18))}</text>`);
    });
    if (shown.length < entries.length) {
      parts.push(`<text x="${lx + 16}" y="${y + 44 + shown.length * legendLineHeight}" font-size="10" fill="#545b64">+${entries.length - shown.length} more</text>`);
    }
  } else {
    rows.forEach((row, r) => {
      let lx = x + 46;
      const ly = y + height - legendHeight + r * legendLineHeight + 8;
      for (const e of row) {
        parts.push(swatch(e, lx, ly));
        parts.push(`<text x="${lx + (e.dashed ? 18 : 14)}" y="${ly}" font-size="10" fill="#16191f">${esc(e.label)}</text>`);
        lx += textWidth(e.label, 10) + 30;
      }
    });
  }
  return parts.join('\n');
}

/** The dashboard as an SVG: each widget at its place on the 24-column grid. */
export function renderDashboardSvg(body: DashboardBody, name = 'PersonalizeMlOpsExample pipeline dashboard'): string {
  const width = 24 * COL + 2 * PAD;
  const rowsUsed = Math.max(...body.widgets.map((w) => w.y + w.height));
  const height = HEADER + rowsUsed * ROW + FOOTER;
  const days = rangeDays(body.start);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="#f2f3f3"/>`,
    `<text x="${PAD}" y="28" font-size="18" font-weight="bold" fill="#16191f">${esc(name)}</text>`,
    `<text x="${PAD}" y="48" font-size="11" fill="#545b64">${esc(`Time range ${body.start ?? ''} (${days} days), period override ${body.periodOverride ?? 'auto'} · `
      + 'layout, titles, legends and annotations from the synthesized DashboardBody · lines are placeholders: no data')}</text>`,
  ];
  for (const w of body.widgets) {
    const x = PAD + w.x * COL + 3;
    const y = HEADER + w.y * ROW + 3;
    const wpx = w.width * COL - 6;
    const hpx = w.height * ROW - 6;
    parts.push('<g>');
    parts.push(w.type === 'text' ? drawText(w, x, y, wpx, hpx)
      : w.type === 'metric' ? drawMetric(w, x, y, wpx, hpx, days)
        : `<rect x="${x}" y="${y}" width="${wpx}" height="${hpx}" fill="#ffffff" stroke="#d5dbdb"/><text x="${x + 12}" y="${y + 22}" font-size="12">${esc(w.type)} widget</text>`);
    parts.push('</g>');
  }
  parts.push(`<text x="${PAD}" y="${height - 12}" font-size="11" fill="#545b64">${esc(
    'Example stack (every option, a fleet) with dashboard: {} and a schedule whose inline config is sample_configs/input_media.json. '
    + 'Regenerate: npx projen docs:dashboard')}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

if (require.main === module) {
  const out = path.join(ROOT, 'docs');
  mkdirSync(out, { recursive: true });
  const svg = renderDashboardSvg(exampleDashboardBody());
  const svgPath = path.join(out, 'dashboard.svg');
  writeFileSync(svgPath, svg);
  console.log(`wrote ${path.relative(ROOT, svgPath)}`);
  const pngPath = path.join(out, 'dashboard.png');
  try {
    execFileSync('rsvg-convert', ['--format', 'png', '--output', pngPath, svgPath], { stdio: 'inherit' });
    console.log(`wrote ${path.relative(ROOT, pngPath)}`);
  } catch (e: any) {
    if (e.code !== 'ENOENT') throw e;
    console.log('rsvg-convert not found (Debian: apt-get install librsvg2-bin): docs/dashboard.png not rewritten');
  }
}
