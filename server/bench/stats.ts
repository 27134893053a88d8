/** Percentiles and the side-by-side table. */

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Row {
  label: string;
  bare: number;
  flint: number;
  /** Decimal places shown. */
  digits: number;
}

const fmt = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A Markdown table (readable in a terminal too) with the Flint / bare ratio per row. */
export function table(rows: Row[]): string {
  return sideBySide(
    ['bare socket.io', 'Flint'],
    ['Flint / bare'],
    rows.map((r) => ({ label: r.label, values: [r.bare, r.flint], digits: r.digits })),
  );
}

export interface Measured {
  label: string;
  /** One value per column; the first column is the baseline. */
  values: number[];
  digits: number;
}

/**
 * A Markdown table of several measured servers, then each later column's ratio to the first:
 * `ratios[i]` heads the ratio of column i + 1 to column 0.
 */
export function sideBySide(columns: string[], ratios: string[], rows: Measured[]): string {
  const cells = rows.map((r) => [
    r.label,
    ...r.values.map((v) => fmt(v, r.digits)),
    ...ratios.map((_, i) => (r.values[0]! > 0 ? `${fmt(r.values[i + 1]! / r.values[0]!, 2)}×` : 'n/a')),
  ]);
  const head = ['metric', ...columns, ...ratios];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), rule, ...cells.map(line)].join('\n');
}
