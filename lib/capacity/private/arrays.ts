// Array helpers that stay safe for a million items: spreading items into `target.push` or
// `Math.max` passes every item as a call argument and throw RangeError (stack) past
// about 100,000 items, so reports and plans append and compare with plain loops.

/** Appends `items` to `target` (in place) and returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values` (−Infinity for none), without spreading them as arguments. */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}
