import { IConstruct } from 'constructs';

/**
 * The one error shape of the app constructs:
 * `[production/shop/storefront] port must be between 1 and 65535, got 70000: pick a valid TCP port`.
 */
export function propError(scope: IConstruct, prop: string, problem: string, value: unknown, fix: string): Error {
  return new Error(`[${scope.node.path}] ${prop} ${problem}, got ${show(value)}: ${fix}`);
}

/** A value as it appears in messages: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'bigint') {
    return `${value}n`; // JSON.stringify throws on a BigInt
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // a cycle (a construct where a plain value belongs): its class, not JSON's TypeError
  }
  if (json !== undefined) {
    return json;
  }
  if (typeof value === 'object' && value !== null) {
    const name: string = value.constructor?.name ?? 'object';
    return `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;
  }
  return typeof value === 'function' ? `a function ${value.name || '(anonymous)'}` : String(value);
}

/**
 * `scope`, once it is known to have no child `id` yet: constructs' own "There is already a
 * Construct with name …" names neither the path nor the fix. Called in `super(...)` arguments.
 */
export function freeId<T extends IConstruct>(scope: T, id: string, kind: string): T {
  const existing = scope?.node?.tryFindChild(id);
  if (existing !== undefined) {
    const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
    const what = existing.constructor?.name ?? 'construct';
    throw new Error(`[${path}] id is already used by ${what} ${existing.node.path}, got ${show(id)}: give each ${kind} its own id`);
  }
  return scope;
}
