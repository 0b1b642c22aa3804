import { IConstruct } from 'constructs';
import { parseNormalizedNamed } from '../../kubernetes/docker-reference';
import { closest } from '../../kubernetes/private/edit-distance';
import {
  isConfigMapKey, isDNS1035Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidLabelValue, isValidPortName,
  maxLenError,
} from '../../kubernetes/validation';
import type { AutoscalingProps, ComponentProps, ReplicatedComponentProps } from '../component';
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
  // From JavaScript (or `as any`) a number reaches here: a sentence, not isValidPortName's TypeError.
  if (typeof value !== 'string' || isValidPortName(value).length > 0) {
    throw propError(scope, prop, 'must be an IANA service name (at most 15 lower-case letters, digits and single "-", with at least one letter)', value, 'use a name such as "http" or "postgres"');
  }
}

/**
 * A Service port's `appProtocol`: validateServicePort (pkg/apis/core/validation/validation.go,
 * 1.27) checks it with ValidateQualifiedName and nothing else, so `grpc`, `h2c` and
 * `kubernetes.io/h2c` all pass.
 */
export function checkAppProtocol(scope: IConstruct, prop: string, value: string): void {
  const errors = typeof value === 'string' ? isQualifiedName(value) : ['must be a string'];
  if (errors.length > 0) {
    throw propError(scope, prop, `must be a qualified name (${errors.join('; ')})`, value, 'use e.g. "http", "h2c" or "kubernetes.io/ws"');
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

/**
 * Values of a string map prop (env, annotations…): each a string. `null`/`undefined` would be
 * dropped from the YAML silently, numbers and booleans are not strings to the API server.
 */
export function checkStringValues(scope: IConstruct, prop: string, map: unknown): void {
  if (map === undefined) return;
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw propError(scope, prop, 'must be an object of string values', map, `write e.g. ${prop}: { NAME: 'value' }`);
  }
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') {
      throw propError(scope, `${prop} ${JSON.stringify(key)}`, 'must be a string', value,
        value === null || value === undefined ? 'give it a value, or remove the key' : `quote it: "${String(value)}"`);
    }
  }
}

/** A list-of-strings prop (command, args): an array whose items are all strings. */
export function checkStringList(scope: IConstruct, prop: string, list: unknown): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    throw propError(scope, prop, 'must be a list of strings', list,
      typeof list === 'string' ? `split it into a list, e.g. ${JSON.stringify(list.split(/\s+/).filter((w) => w))}` : 'write e.g. [\'node\', \'server.js\']');
  }
  list.forEach((item, i) => {
    if (typeof item !== 'string') {
      throw propError(scope, `${prop}[${i}]`, 'must be a string', item,
        item === null || item === undefined ? 'give it a value, or remove it' : `quote it: "${String(item)}"`);
    }
  });
}

/**
 * A prop typed as a TypeScript enum: one of its values (a value cast through `as any` from
 * JavaScript or YAML would reach the YAML and be rejected by the API server at sync).
 */
export function checkEnum<T extends string>(scope: IConstruct, prop: string, value: T | undefined, values: Record<string, T>, enumName: string): void {
  if (value === undefined) return;
  const allowed = Object.values(values);
  if (!allowed.includes(value)) {
    const names = Object.keys(values).map((k) => `${enumName}.${k}`);
    throw propError(scope, prop, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, value, `use ${names.join(', ').replace(/, ([^,]*)$/, ' or $1')}`);
  }
}

/** Every prop of ComponentProps by name (the type keeps the list complete). */
const COMPONENT_PROPS: { readonly [K in keyof ComponentProps]-?: true } = {
  name: true,
  image: true,
  imagePullPolicy: true,
  resources: true,
  version: true,
  command: true,
  args: true,
  env: true,
  secretEnv: true,
  config: true,
  configFiles: true,
  configMountPath: true,
  readOnlyRootFilesystem: true,
  runAsUser: true,
  runAsGroup: true,
  fsGroup: true,
  serviceAccountName: true,
  automountServiceAccountToken: true,
  terminationGracePeriod: true,
  nodeSelector: true,
  tolerations: true,
  nodeAffinity: true,
  priorityClassName: true,
  sidecars: true,
  initContainers: true,
  serviceAccount: true,
  imagePullSecrets: true,
  mounts: true,
  labels: true,
  annotations: true,
  podLabels: true,
  podAnnotations: true,
};

/** The props ReplicatedComponentProps adds to ComponentProps, by name (the type keeps the list complete). */
export const REPLICATED_PROPS: { readonly [K in Exclude<keyof ReplicatedComponentProps, keyof ComponentProps>]-?: true } = {
  replicas: true,
  podDisruptionBudget: true,
  spreadAcrossZones: true,
  healthCheck: true,
  readinessProbe: true,
  livenessProbe: true,
  startupProbe: true,
  rollout: true,
  ports: true,
  serviceType: true,
  headless: true,
};

/** Every prop of AutoscalingProps by name. */
export const AUTOSCALING_PROPS: { readonly [K in keyof AutoscalingProps]-?: true } = {
  minReplicas: true,
  maxReplicas: true,
  targetCpuUtilization: true,
  targetMemoryUtilization: true,
  scalingMetrics: true,
  behavior: true,
};

/**
 * A component given a prop it does not take, e.g. `replica: 3` (a typo) or `healthCheck` on a
 * ScheduledTask, from JavaScript or through `as any`: TypeScript stops these, but otherwise they
 * were dropped without a word. `own` lists the kind's props beyond ComponentProps. Props set to
 * undefined are left alone (as when spread from a shared object). Components call this for their
 * own class only (`new.target`), so a subclass may take props of its own.
 */
export function checkKnownProps(scope: IConstruct, kind: string, props: object, own: { readonly [key: string]: true }): void {
  const known = (key: string) => Object.prototype.hasOwnProperty.call(COMPONENT_PROPS, key) || Object.prototype.hasOwnProperty.call(own, key);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || known(key)) continue;
    const close = closest(key, [...Object.keys(COMPONENT_PROPS), ...Object.keys(own)]);
    const fix = close !== undefined ? `did you mean ${close}?`
      : RUNS_TO_COMPLETION.has(kind)
        ? `remove it (a ${kind} runs its pod to completion: replicas, probes, ports, autoscaling and metrics are props of WebService, Worker and StatefulService)`
        : `remove it (the props of ${kind} are listed in the README's table of components)`;
    throw propError(scope, key, `is not a prop of ${kind}`, value, fix);
  }
}

const RUNS_TO_COMPLETION = new Set(['Migration', 'ScheduledTask']);


