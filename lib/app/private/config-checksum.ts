import { createHash } from 'crypto';
import { Lazy } from 'cdk8s';
import { ConfigMap } from 'cdk8s-plus-27';

/**
 * SHA-256 of the ConfigMaps' names and data, keys sorted, so the same content always gives
 * the same checksum and any change gives another one.
 */
export function configChecksum(configMaps: readonly ConfigMap[]): string {
  const hash = createHash('sha256');
  for (const configMap of configMaps) {
    hash.update(JSON.stringify([configMap.name, sorted(configMap.data), sorted(configMap.binaryData)]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * The checksum as a value for `metadata.addAnnotation`, computed when the object is
 * synthesized so data added after construction counts too. cdk8s resolves a Lazy anywhere
 * in an object; the annotation API is typed `string`, hence the cast.
 */
export function lazyConfigChecksum(configMaps: readonly ConfigMap[]): string {
  return Lazy.any({ produce: () => configChecksum(configMaps) }) as unknown as string;
}

function sorted(data: { [key: string]: string }): [string, string][] {
  return Object.keys(data).sort().map((key) => [key, data[key]]);
}
