// SVG picture of node utilisation: per pool, one row per node with one bar per resource — cpu,
// memory, then extended and other requested resources (nvidia.com/gpu, ephemeral-storage,
// hugepages-*), then pods — each filled to the share of allocatable the placed pods request
// and coloured by it. A legend explains the colours and marks; cordoned, NotReady and tainted
// nodes carry a tag and a grey row; the pods that were not placed are listed at the bottom.
// Pure string building with integer coordinates and shared CSS classes (no ids, no dates, no
// floating-point noise), so the same plan always gives the same bytes. Bounded for any plan:
// at most MAX_SVG_NODES rows per pool and MAX_SVG_UNPLACED lines of unplaced pods, each cut
// list ending with a line saying how many more, so 1,000,000 nodes give a small file.
import { collapseUnplaced, unplacedGroupLine } from './collapse';
import type { CapacityPlan, NodePlan, ResourceUsage } from './plan';

/** Options of `renderCapacitySvg`. */
export interface CapacitySvgOptions {
  /**
   * Title at the top, e.g. the environment name.
   * @default 'Node utilisation'
   */
  readonly title?: string;
}

/** Bars always drawn per node, first, in this order (others follow, then `pods`). */
export const SVG_RESOURCES: readonly string[] = ['cpu', 'memory'];
/** Node rows drawn per pool before `… and N more nodes`. */
export const MAX_SVG_NODES = 200;
/** Unplaced-pod lines drawn before `… and N more`. */
export const MAX_SVG_UNPLACED = 20;

const LABEL_X = 8;
const BAR_W = 170;
const BAR_GAP = 12;
const BAR_H = 12;
const ROW_H = 18;
const POOL_H = 24;
const CHAR_W = 7; // generous average width of an 11px sans-serif character
const MAX_LABEL_CHARS = 48;
const MIN_WIDTH = 640;

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

/** The resources drawn: cpu, memory, the plan's other resources in plan order, pods last. */
export function svgResources(plan: CapacityPlan): string[] {
  const others = plan.resources.filter((r) => !SVG_RESOURCES.includes(r) && r !== 'pods');
  return [...SVG_RESOURCES, ...others, 'pods'];
}

/** The plan as a standalone SVG document (ends with one newline). */
export function renderCapacitySvg(plan: CapacityPlan, options: CapacitySvgOptions = {}): string {
  const resources = svgResources(plan);
  let longest = 0;
  for (const pool of plan.pools) {
    for (let i = 0; i < pool.nodes.length && i < MAX_SVG_NODES; i++) longest = Math.max(longest, nodeTitle(pool.nodes[i]).length);
  }
  const labelW = Math.max(160, Math.min(longest, MAX_LABEL_CHARS) * CHAR_W + 2 * LABEL_X + 8);
  const barX = (i: number) => labelW + i * (BAR_W + BAR_GAP);
  const width = Math.max(MIN_WIDTH, barX(resources.length) + LABEL_X);

  const body: string[] = [];
  let y = 0;
  // title and verdict
  const title = options.title ?? 'Node utilisation';
  body.push(`<text x="${LABEL_X}" y="${y + 18}" font-size="14" class="p">${escapeXml(title)}</text>`);
  const summary = plan.fits ? 'fits' : `does not fit: ${plan.unplaced.length} pod${plan.unplaced.length === 1 ? '' : 's'} not placed, ${plan.failures.length} failure${plan.failures.length === 1 ? '' : 's'}`;
  body.push(`<text x="${width - LABEL_X}" y="${y + 18}" text-anchor="end" class="${plan.fits ? 'ok' : 'x'}">${escapeXml(summary)}</text>`);
  y += 28;
  // legend
  y = legend(body, y);
  // column headers
  y += 16;
  body.push(`<text x="${LABEL_X}" y="${y}" class="p">node</text>`);
  resources.forEach((r, i) => body.push(`<text x="${barX(i)}" y="${y}" class="p">${escapeXml(middleEllipsis(r, 26))}</text>`));
  y += 6;

  for (const pool of plan.pools) {
    const unusable = pool.nodes.filter((n) => !usable(n)).length;
    const poolNote = unusable > 0 ? `, ${unusable} not usable` : '';
    body.push(`<text x="${LABEL_X}" y="${y + 17}" class="p">pool ${escapeXml(pool.name)} (${pool.nodeCount} node${pool.nodeCount === 1 ? '' : 's'}${poolNote})</text>`);
    y += POOL_H;
    const shown = Math.min(pool.nodes.length, MAX_SVG_NODES);
    for (let i = 0; i < shown; i++) {
      nodeRow(body, pool.nodes[i], y, width, resources, barX);
      y += ROW_H;
    }
    if (pool.nodes.length > shown) {
      body.push(`<text x="${LABEL_X + 8}" y="${y + 10}" class="m">… and ${pool.nodes.length - shown} more nodes (see the Markdown report or --format json)</text>`);
      y += ROW_H;
    }
  }

  if (plan.unplaced.length > 0) {
    y += 8;
    body.push(`<text x="${LABEL_X}" y="${y + 14}" class="p x">Not placed (${plan.unplaced.length} pod${plan.unplaced.length === 1 ? '' : 's'})</text>`);
    y += 20;
    const groups = collapseUnplaced(plan.unplaced);
    const maxChars = Math.floor((width - 3 * LABEL_X) / 6);
    for (const g of groups.slice(0, MAX_SVG_UNPLACED)) {
      wrap(unplacedGroupLine(g), maxChars, 3).forEach((line, i) => {
        body.push(`<text x="${LABEL_X + 8 + (i > 0 ? 12 : 0)}" y="${y + 10}" class="x">${escapeXml(line)}</text>`);
        y += 14;
      });
      y += 2;
    }
    if (groups.length > MAX_SVG_UNPLACED) {
      body.push(`<text x="${LABEL_X + 8}" y="${y + 10}" class="m">… and ${groups.length - MAX_SVG_UNPLACED} more (see the Markdown report)</text>`);
      y += 16;
    }
  }
  const height = y + 10;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  out.push('<style>.bg{fill:#eaeef2}.u0{fill:#2da44e}.u1{fill:#d4a72c}.u2{fill:#e16f24}.u3{fill:#cf222e}.p{font-weight:bold}'
    + '.v{fill:#1f2328;paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}.x{fill:#cf222e}.ok{fill:#1a7f37;font-weight:bold}'
    + '.m{fill:#656d76}.t{fill:#ffffff;font-size:9px;font-weight:bold}.tc{fill:#6e7781}.tt{fill:#8250df}.tn{fill:#cf222e}.un{fill:#f6f8fa}</style>');
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  for (const line of body) out.push(line);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Colour swatches and what the node tags mean. */
function legend(out: string[], y: number): number {
  const items: Array<[string, string]> = [['u0', 'under 70%'], ['u1', '70–90%'], ['u2', '90–100%'], ['u3', 'over 100% / none allocatable']];
  let x = LABEL_X;
  out.push(`<text x="${x}" y="${y + 9}" class="m">bars: requests of the placed pods / allocatable</text>`);
  x += 290;
  for (const [cls, text] of items) {
    out.push(`<rect x="${x}" y="${y}" width="10" height="10" class="${cls}"/>`);
    out.push(`<text x="${x + 14}" y="${y + 9}">${escapeXml(text)}</text>`);
    x += 14 + text.length * 6 + 16;
  }
  const tags: Array<[string, string, string]> = [['tc', 'cordoned', 'spec.unschedulable'], ['tn', 'NotReady', 'Ready condition not True'], ['tt', 'tainted', 'NoSchedule/NoExecute taint']];
  let tx = LABEL_X;
  const ty = y + 16;
  for (const [cls, tag, meaning] of tags) {
    tx = tagAt(out, tx, ty, cls, tag) + 4;
    out.push(`<text x="${tx}" y="${ty + 10}" class="m">${escapeXml(meaning)}</text>`);
    tx += meaning.length * 6 + 16;
  }
  return y + 30;
}

/** A small coloured tag; returns the x after it. */
function tagAt(out: string[], x: number, y: number, cls: string, text: string): number {
  const w = text.length * 6 + 6;
  out.push(`<rect x="${x}" y="${y + 1}" width="${w}" height="11" rx="2" class="${cls}"/>`);
  out.push(`<text x="${x + 3}" y="${y + 10}" class="t">${escapeXml(text)}</text>`);
  return x + w;
}

function usable(node: NodePlan): boolean {
  return !node.unschedulable && node.ready !== false;
}

/** The node's name and tags as text (for width): `name [cordoned] [tainted]`. */
function nodeTitle(node: NodePlan): string {
  return node.name + tags(node).map((t) => `  ${t[1]}`).join('');
}

function tags(node: NodePlan): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (node.unschedulable) out.push(['tc', 'cordoned']);
  if (node.ready === false) out.push(['tn', 'NotReady']);
  if ((node.taints ?? []).length > 0) out.push(['tt', 'tainted']);
  return out;
}

function nodeRow(out: string[], node: NodePlan, y: number, width: number, resources: readonly string[], barX: (i: number) => number): void {
  if (!usable(node)) out.push(`<rect x="0" y="${y - 3}" width="${width}" height="${ROW_H}" class="un"/>`);
  const nodeTags = tags(node);
  const room = MAX_LABEL_CHARS - nodeTags.reduce((n, t) => n + t[1].length + 2, 0);
  const name = middleEllipsis(node.name, Math.max(12, room));
  // The full name as a tooltip only when it had to be shortened.
  const tip = name === node.name ? '' : `<title>${escapeXml(node.name)}</title>`;
  out.push(`<text x="${LABEL_X + 8}" y="${y + 10}">${tip}${escapeXml(name)}</text>`);
  let x = LABEL_X + 8 + name.length * 6 + 8;
  for (const [cls, text] of nodeTags) x = tagAt(out, x, y, cls, text) + 3;
  const byResource = new Map(node.usage.map((u) => [u.resource, u]));
  resources.forEach((resource, i) => bar(out, byResource.get(resource), barX(i), y));
}

function bar(out: string[], usage: ResourceUsage | undefined, x: number, y: number): void {
  const percent = usage?.percent ?? null;
  const requested = usage?.requested ?? 0;
  // Whole pixels: integer arithmetic only, so no float formatting differs between platforms.
  const fill = percent === null ? (requested > 0 ? BAR_W : 0) : Math.min(BAR_W, Math.round((Math.min(percent, 100) * BAR_W) / 100));
  const text = usage === undefined ? 'none'
    : `${usage.requestedText} / ${usage.allocatableText} (${percent === null ? (requested === 0 ? '—' : 'n/a') : `${percent.toFixed(1)}%`})`;
  out.push(`<rect x="${x}" y="${y}" width="${BAR_W}" height="${BAR_H}" class="bg"/>`);
  if (fill > 0) {
    out.push(`<rect x="${x}" y="${y}" width="${fill}" height="${BAR_H}" class="${utilisationBand(percent, requested)}"/>`);
  }
  out.push(`<text x="${x + 4}" y="${y + 10}" class="v">${escapeXml(text)}</text>`);
}

/** Word-wrapped lines of at most `width` characters (a longer word is cut); at most `max` lines, the last ending in `…` if cut. */
function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0 && lines.length < max) {
    if (rest.length <= width) {
      lines.push(rest);
      rest = '';
      break;
    }
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  if (rest.length > 0) {
    const last = lines[lines.length - 1];
    lines[lines.length - 1] = `${last.slice(0, Math.max(0, width - 1))}…`;
  }
  return lines;
}

/** `ip-10-0-1-10.eu-w…ompute.internal`: start and end kept, so nodes that differ at either end stay apart. */
export function middleEllipsis(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${s.slice(0, head)}…${s.slice(s.length - tail)}`;
}

/** Escapes text and attribute values for XML. */
export function escapeXml(s: string): string {
  // Control characters are not allowed in XML 1.0 at all: drop them.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
