import { IConstruct } from 'constructs';
import { parseNormalizedNamed } from '../../kubernetes/docker-reference';
import {
  isConfigMapKey, isDNS1035Label, isDNS1123Subdomain, isEnvVarName, isValidLabelValue, isValidPortName,
  maxLenError,
} from '../../kubernetes/validation';
import { propError } from './errors';

// Prop checks: the rules are the upstream ports in lib/kubernetes/ (validation.go,
// docker reference); these only word the failure for a construct prop.

/**
 * A name that becomes part of a Service name (or is one): a DNS-1035 label, because Service
 * names must start with a letter. `maxLength` is 63, less where Kubernetes derives longer names.
 */
export function checkDns1035Label(scope: IConstruct, prop: string, value: string, maxLength: number, fix: string): void {
  if (typeof value !== 'string' || isDNS1035Label(value).some((e) => e !== maxLenError(63))) {
    throw propError(scope, prop, 'must be a DNS-1035 label (lower-case letters, digits and "-", starting with a letter and ending with a letter or digit)', value, fix);
  }
  if (value.length > maxLength) {
    throw propError(scope, prop, `must be at most ${maxLength} characters`, value, fix);
  }
}

export function checkDns1123Subdomain(scope: IConstruct, prop: string, value: string, fix: string): void {
  if (typeof value !== 'string' || isDNS1123Subdomain(value).length > 0) {
    throw propError(scope, prop, 'must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters)', value, fix);
  }
}

export function checkLabelValue(scope: IConstruct, prop: string, value: string, fix: string): void {
  if (typeof value !== 'string' || isValidLabelValue(value).length > 0) {
    throw propError(scope, prop, 'must be a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)', value, fix);
  }
}

export function checkEnvVarName(scope: IConstruct, prop: string, value: string): void {
  if (isEnvVarName(value).length > 0) {
    throw propError(scope, prop, 'must be a valid environment variable name (letters, digits, "_", "-" or ".", not starting with a digit)', value, 'rename the variable, e.g. LOG_LEVEL');
  }
}

export function checkConfigMapKey(scope: IConstruct, prop: string, value: string, fix: string): void {
  if (isConfigMapKey(value).length > 0) {
    throw propError(scope, prop, 'must be a valid ConfigMap/Secret key (letters, digits, "-", "_" or ".", not "." or starting with "..")', value, fix);
  }
}

export function checkPortName(scope: IConstruct, prop: string, value: string): void {
  if (isValidPortName(value).length > 0) {
    throw propError(scope, prop, 'must be an IANA service name (at most 15 lower-case letters, digits and single "-", with at least one letter)', value, 'use a name such as "http" or "postgres"');
  }
}

/** An integer in [min, max]. */
export function checkInteger(scope: IConstruct, prop: string, value: number, min: number, max: number, fix: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer between ${min} and ${max}`;
    throw propError(scope, prop, `must be ${range}`, value, fix);
  }
}

export function checkPort(scope: IConstruct, prop: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw propError(scope, prop, 'must be between 1 and 65535', value, 'pick a valid TCP port');
  }
}

/**
 * Images must be pinned: a tag other than `latest`, or a digest. A moving tag makes `dist/`
 * say nothing about what runs, and GitOps never notices the change.
 */
export function checkImage(scope: IConstruct, prop: string, image: string): void {
  if (typeof image !== 'string' || image.length === 0 || /\s/.test(image)) {
    throw propError(scope, prop, 'must be an image reference', image, 'use e.g. "ghcr.io/acme/shop-api:1.4.0"');
  }
  const parsed = parseNormalizedNamed(image);
  if (!parsed.reference) {
    throw propError(scope, prop, `must be an image reference (${parsed.error})`, image, 'write it as [registry/]repository[:tag][@digest] in lower case, e.g. "ghcr.io/acme/shop-api:1.4.0"');
  }
  const { tag, digest } = parsed.reference;
  if (digest !== '') {
    return; // pinned by digest
  }
  const repository = tag === '' ? image : image.slice(0, image.length - tag.length - 1);
  if (tag === '') {
    throw propError(scope, prop, 'must be pinned to a tag or digest', image, `add a version tag, e.g. "${repository}:1.0.0"`);
  }
  if (tag === 'latest') {
    throw propError(scope, prop, 'must not use the moving tag "latest"', image, `pin a version tag, e.g. "${repository}:1.0.0"`);
  }
}
