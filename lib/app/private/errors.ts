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
  return JSON.stringify(value);
}
