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
  const cells = rows.map((r) => [r.label, fmt(r.bare, r.digits), fmt(r.flint, r.digits), r.bare > 0 ? `${fmt(r.flint / r.bare, 2)}×` : 'n/a']);
  const head = ['metric', 'bare socket.io', 'Flint', 'Flint / bare'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), rule, ...cells.map(line)].join('\n');
}
