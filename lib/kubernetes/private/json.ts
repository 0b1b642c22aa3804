// Defensive readers for plain manifests: rules run on whatever the user wrote (the schema rule
// reports wrong types), so a field of the wrong type reads as absent instead of throwing.

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** The API group of an apiVersion: `apps/v1` → `apps`; `v1` → '' (the core group). */
export function apiGroup(apiVersion: unknown): string {
  const v = str(apiVersion) ?? '';
  const slash = v.indexOf('/');
  return slash === -1 ? '' : v.slice(0, slash);
}

/** Reads a nested field: `at(manifest, 'spec', 'template', 'spec')`. */
export function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/** String → string maps (labels, selectors); non-string values are skipped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value) ?? {})) {
    if (typeof v === 'string') {
      out[k] = v;
    }
  }
  return out;
}

/** A value as JSON text for messages: `"3"`, `3`, `true`. */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Go's `%q`-like quoting list: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Go's sort.Strings / sets.List(): byte order, duplicates removed. */
export function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
