/** Summaries of the per-run samples and the side-by-side table. */

export interface Summary {
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile (p in 0..100) of the samples; with 5 runs p90 is the slowest run. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p90: percentile(sorted, 90), min: sorted[0]!, max: sorted.at(-1)! };
}

export interface Row {
  label: string;
  flint: number[];
  baseline: number[];
}

const ms = (n: number) => Math.round(n).toLocaleString('en-US');

/** A Markdown table (readable in a terminal too): ms per side, and Flint / baseline of the medians. */
export function table(rows: Row[]): string {
  const head = ['metric (ms)', 'n', 'Flint median', 'p90', 'min', 'max', 'n', 'baseline median', 'p90', 'min', 'max', 'Flint / baseline'];
  const side = (samples: number[]) => {
    if (samples.length === 0) return { cells: [String(0), 'n/a', 'n/a', 'n/a', 'n/a'], median: NaN };
    const s = summarize(samples);
    return { cells: [String(samples.length), ...[s.median, s.p90, s.min, s.max].map(ms)], median: s.median };
  };
  const cells = rows.map((row) => {
    const f = side(row.flint);
    const b = side(row.baseline);
    const ratio = b.median > 0 && f.median > 0 ? `${(f.median / b.median).toFixed(2)}×` : 'n/a';
    return [row.label, ...f.cells, ...b.cells, ratio];
  });
  return markdown(head, cells);
}

/**
 * Each next-stage row's median as a share of a FRESH call's setup in the same run (the video-first
 * row's accept → first frame), for Flint and the baseline: what re-using the connection saves.
 */
export function shareOfFresh(rows: Row[], fresh: Row): string {
  const head = ['median / fresh video call setup', 'Flint', 'baseline'];
  const share = (samples: number[], base: number[]) =>
    samples.length && base.length ? `${(summarize(samples).median / summarize(base).median).toFixed(2)}×` : 'n/a';
  return markdown(
    head,
    rows.map((row) => [row.label, share(row.flint, fresh.flint), share(row.baseline, fresh.baseline)]),
  );
}

export interface PhaseRow {
  label: string;
  /** Per run: ms from the mark until both sides entered the gate, passed it, were in the stage, had media. */
  runs: Array<{ gate: number; ready: number; active: number; media: number }>;
}

/** Medians of Flint's phases after each mark, the later of the two sides each time. */
export function phaseTable(rows: PhaseRow[]): string {
  const head = ['Flint, median ms after the mark', 'gate opened', 'gate passed (ready)', 'STAGE_ACTIVE', 'first media'];
  const keys = ['gate', 'ready', 'active', 'media'] as const;
  const cells = rows.map((row) => [
    row.label,
    ...keys.map((k) => (row.runs.length ? ms(summarize(row.runs.map((r) => r[k])).median) : 'n/a')),
  ]);
  return markdown(head, cells);
}

/** A Markdown table, first column left-aligned, the others right-aligned. */
function markdown(head: string[], cells: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, 2, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), rule, ...cells.map(line)].join('\n');
}
