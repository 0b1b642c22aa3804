// Readable resource figures for reports: `6.9Gi`, not `7244284Ki`. The plan keeps the exact
// values (numbers in scheduler units); these strings are for people. Rules:
// - cpu: millicores as Kubernetes writes them (`500m`, `1500m`, `4`) — exact and already short;
// - bytes (memory, ephemeral-storage, hugepages-*): the largest unit the value reaches, at most
//   one decimal (`6.9Gi`, `512Mi`, `16Gi`), binary units (Ki, Mi, Gi, Ti, Pi, Ei) unless the value
//   is a whole number of decimal units and not of binary ones (`1.5G` for `1500M`), so a value
//   the user wrote in decimal units reads back in them;
// - everything else (pods, nvidia.com/gpu, …): the integer count.
// Rounding can make two different values print alike; `distinctTexts` then falls back to the
// exact Kubernetes quantity, so "requests 16Gi exceed allocatable 16Gi" is never printed.
import { Quantity, QuantityFormat } from '../kubernetes/quantity';
import { isHugePageResourceName } from '../kubernetes/resource-requirements';

const BINARY = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL = ['k', 'M', 'G', 'T', 'P', 'E'];

/** True for resources measured in bytes. */
export function isByteResource(resource: string): boolean {
  return resource === 'memory' || resource === 'ephemeral-storage' || isHugePageResourceName(resource);
}

/** A value in scheduler units (millicores for cpu, else the integer value), readable. */
export function readableResourceValue(resource: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (resource === 'cpu') return Quantity.fromMilli(BigInt(Math.round(value))).toString();
  if (isByteResource(resource)) return readableBytes(value);
  return String(Math.round(value));
}

/** The exact Kubernetes quantity (`7244284Ki`, `1500m`): canonical form, no rounding. */
export function exactResourceValue(resource: string, value: number): string {
  const v = BigInt(Math.round(value));
  if (resource === 'cpu') return Quantity.fromMilli(v).toString();
  if (isByteResource(resource)) {
    return Quantity.fromValue(v, v % 1024n === 0n ? QuantityFormat.BINARY_SI : QuantityFormat.DECIMAL_SI).toString();
  }
  return v.toString();
}

/**
 * Readable texts of two values of one resource; when rounding makes different values print
 * alike, both are exact instead.
 */
export function distinctTexts(resource: string, a: number, b: number): [string, string] {
  // A plan describes every node: on a pool of thousands most pairs repeat.
  const key = `${resource}\0${a}\0${b}`;
  const known = TEXTS.get(key);
  if (known) return [known[0], known[1]];
  const ra = readableResourceValue(resource, a);
  const rb = readableResourceValue(resource, b);
  const texts: [string, string] = ra === rb && a !== b ? [exactResourceValue(resource, a), exactResourceValue(resource, b)] : [ra, rb];
  if (TEXTS.size >= 4096) TEXTS.clear();
  TEXTS.set(key, texts);
  return [texts[0], texts[1]];
}
const TEXTS = new Map<string, readonly [string, string]>();

/** Bytes with the largest unit reached and at most one decimal: `6.9Gi`, `512Mi`, `1.5G`, `900`. */
export function readableBytes(bytes: number): string {
  const value = Math.round(bytes);
  const negative = value < 0;
  const abs = Math.abs(value);
  const decimal = abs % 1000 === 0 && abs % 1024 !== 0;
  const base = decimal ? 1000 : 1024;
  const units = decimal ? DECIMAL : BINARY;
  let unit = -1;
  let scaled = abs;
  while (unit + 1 < units.length && scaled >= base) {
    scaled /= base;
    unit++;
  }
  if (unit < 0) return `${negative ? '-' : ''}${abs}`;
  let tenths = Math.round(scaled * 10);
  if (tenths >= base * 10 && unit + 1 < units.length) {
    // 1023.96Mi rounds to 1024.0Mi: say 1Gi.
    unit++;
    tenths = Math.round((scaled / base) * 10);
  }
  const text = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
  return `${negative ? '-' : ''}${text}${units[unit]}`;
}
