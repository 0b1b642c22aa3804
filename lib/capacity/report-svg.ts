// SVG picture of node utilisation: per pool, one row per node with one bar for cpu and one
// for memory, filled to the share of allocatable the placed pods request and coloured by it.
// Pure string building with fixed coordinates and shared CSS classes (no ids, no dates, no
// floating-point noise), so the same plan always gives the same bytes and the file stays small.
import type { CapacityPlan, NodePlan, ResourceUsage } from './plan';

/** Options of `renderCapacitySvg`. */
export interface CapacitySvgOptions {
  /**
   * Title at the top, e.g. the environment name.
   * @default 'Node utilisation'
   */
  readonly title?: string;
}

/** Bars drawn per node, in this order. */
export const SVG_RESOURCES: readonly string[] = ['cpu', 'memory'];

const WIDTH = 640;
const LABEL_X = 8;
const BAR_X = [190, 420];
const BAR_W = 200;
const BAR_H = 12;
const ROW_H = 18;
const HEADER_H = 46;
const POOL_H = 24;

/**
 * Colour bands by requested share of allocatable: comfortable, getting full, nearly full,
 * over-committed. Returns the CSS class of the band.
 */
export function utilisationBand(percent: number | null, requested: number): string {
  if (percent === null) return requested === 0 ? 'u0' : 'u3';
  if (percent > 100) return 'u3';
  if (percent >= 90) return 'u2';
  if (percent >= 70) return 'u1';
  return 'u0';
}

/** The plan as a standalone SVG document (ends with one newline). */
export function renderCapacitySvg(plan: CapacityPlan, options: CapacitySvgOptions = {}): string {
  const rows = plan.pools.reduce((n, p) => n + p.nodes.length, 0);
  const height = HEADER_H + plan.pools.length * POOL_H + rows * ROW_H + 8;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`);
  out.push('<style>.bg{fill:#eaeef2}.u0{fill:#2da44e}.u1{fill:#d4a72c}.u2{fill:#e16f24}.u3{fill:#cf222e}.p{font-weight:bold}.v{fill:#1f2328;paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}.x{fill:#cf222e;font-weight:bold}</style>');
  out.push(`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`);

  const title = options.title ?? 'Node utilisation';
  out.push(`<text x="${LABEL_X}" y="16" font-size="14" class="p">${escapeXml(title)}</text>`);
  const summary = plan.fits ? 'fits' : `does not fit: ${plan.unplaced.length} pod${plan.unplaced.length === 1 ? '' : 's'} not placed`;
  out.push(`<text x="${WIDTH - LABEL_X}" y="16" text-anchor="end" class="${plan.fits ? 'v' : 'x'}">${escapeXml(summary)}</text>`);
  SVG_RESOURCES.forEach((r, i) => {
    out.push(`<text x="${BAR_X[i]}" y="38" class="p">${r} requested / allocatable</text>`);
  });

  let y = HEADER_H;
  for (const pool of plan.pools) {
    out.push(`<text x="${LABEL_X}" y="${y + 16}" class="p">pool ${escapeXml(pool.name)} (${pool.nodeCount} node${pool.nodeCount === 1 ? '' : 's'})</text>`);
    y += POOL_H;
    for (const node of pool.nodes) {
      out.push(...nodeRow(node, y));
      y += ROW_H;
    }
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function nodeRow(node: NodePlan, y: number): string[] {
  const out: string[] = [];
  const label = node.name + (node.unschedulable ? ' (cordoned)' : '');
  out.push(`<text x="${LABEL_X + 8}" y="${y + 10}">${escapeXml(truncate(label, 28))}</text>`);
  SVG_RESOURCES.forEach((resource, i) => {
    const usage = node.usage.find((u) => u.resource === resource);
    out.push(...bar(usage, BAR_X[i], y));
  });
  return out;
}

function bar(usage: ResourceUsage | undefined, x: number, y: number): string[] {
  const percent = usage?.percent ?? null;
  const requested = usage?.requested ?? 0;
  // Whole pixels: integer arithmetic only, so no float formatting differs between platforms.
  const fill = percent === null ? (requested > 0 ? BAR_W : 0) : Math.min(BAR_W, Math.round((Math.min(percent, 100) * BAR_W) / 100));
  const text = usage === undefined ? 'none'
    : `${usage.requestedText} / ${usage.allocatableText} (${percent === null ? (requested === 0 ? '—' : 'n/a') : `${percent.toFixed(1)}%`})`;
  // The label carries the figures; no <title> tooltips, which would double the file's size.
  const out = [`<rect x="${x}" y="${y}" width="${BAR_W}" height="${BAR_H}" class="bg"/>`];
  if (fill > 0) {
    out.push(`<rect x="${x}" y="${y}" width="${fill}" height="${BAR_H}" class="${utilisationBand(percent, requested)}"/>`);
  }
  out.push(`<text x="${x + 4}" y="${y + 10}" class="v">${escapeXml(text)}</text>`);
  return out;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Escapes text and attribute values for XML. */
export function escapeXml(s: string): string {
  // Control characters are not allowed in XML 1.0 at all: drop them.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
