// Size limits an object meets before the API server stores it (Kubernetes 1.27):
//   pkg/apis/core/validation/validation.go: ValidateConfigMap (data + binaryData ≤
//     core.MaxSecretSize, `Too long: must have at most 1048576 bytes`), ValidateSecret (data ≤
//     MaxSecretSize; stringData is merged into data by the v1 conversion, overwriting keys);
//   pkg/apis/core/types.go: MaxSecretSize = 1 * 1024 * 1024;
//   etcd's default --max-request-bytes (embed.DefaultMaxRequestBytes = 1.5 MiB): a larger
//     object fails to store with `etcdserver: request is too large`.
// Object size is measured as compact JSON with every string counted by its UTF-8 bytes (no
// escapes): a size the stored form (protobuf for built-in kinds, JSON for custom resources)
// does not fall far below, and that escaping alone (a ConfigMap full of quotes) cannot inflate.

/** core.MaxSecretSize */
export const MAX_SECRET_SIZE = 1024 * 1024;
/** etcd embed.DefaultMaxRequestBytes */
export const MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

/** `Too long: must have at most 1048576 bytes` (field.TooLong). */
export function tooLongError(max: number): string {
  return `Too long: must have at most ${max} bytes`;
}

/** Bytes a base64 string decodes to (the API server decodes binaryData/data before counting). */
export function base64DecodedLength(value: string): number {
  return Buffer.from(value, 'base64').length;
}

/** ValidateConfigMap's totalSize: UTF-8 bytes of data values plus decoded bytes of binaryData. */
export function configMapDataSize(data: Record<string, unknown>, binaryData: Record<string, unknown>): number {
  let total = 0;
  for (const value of Object.values(data)) {
    if (typeof value === 'string') total += Buffer.byteLength(value, 'utf8');
  }
  for (const value of Object.values(binaryData)) {
    if (typeof value === 'string') total += base64DecodedLength(value);
  }
  return total;
}

/** ValidateSecret's totalSize after the v1 conversion merges stringData into data. */
export function secretDataSize(data: Record<string, unknown>, stringData: Record<string, unknown>): number {
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' && !Object.hasOwn(stringData, key)) total += base64DecodedLength(value);
  }
  for (const value of Object.values(stringData)) {
    if (typeof value === 'string') total += Buffer.byteLength(value, 'utf8');
  }
  return total;
}

/** Size of an object as compact JSON, strings by their UTF-8 bytes; iterative (no deep recursion). */
export function objectSize(value: unknown): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      total += Buffer.byteLength(v, 'utf8') + 2;
    } else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
      total += String(v).length;
    } else if (v === null) {
      total += 4;
    } else if (Array.isArray(v)) {
      total += 2 + Math.max(0, v.length - 1);
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      total += 2 + Math.max(0, entries.length - 1);
      for (const [key, item] of entries) {
        total += Buffer.byteLength(key, 'utf8') + 3; // "key":
        stack.push(item);
      }
    }
  }
  return total;
}
