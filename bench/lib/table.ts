// Markdown tables and number formats for the report (pasteable into the README).

/** A Markdown table with columns padded for reading in a terminal. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c ?? '', widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** `1.23 s`. */
export function seconds(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`;
}

/** `412 ms` (one decimal below 10 ms). */
export function millis(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) {
    return 'n/a';
  }
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** `183 MiB`. */
export function mebibytes(mib: number | undefined): string {
  return mib === undefined ? 'n/a' : `${Math.round(mib)} MiB`;
}

/** `0.31×`. */
export function ratio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(2)}×`;
}

export function mark(met: boolean | undefined): string {
  return met === undefined ? '–' : met ? '✓' : '✗';
}

// Emoji-free text: code points are close enough to terminal columns for ✓/✗/×/÷.
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}
