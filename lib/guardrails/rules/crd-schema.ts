// Custom resources for the `schema` rule: the openAPIV3Schema of their CustomResourceDefinition,
// from the CRDs in crds/ (ExternalSecret, ServiceMonitor: the kinds the constructs write;
// extracted to schemas/crd-schemas.json by crds/extract-schemas.js) or from a
// CustomResourceDefinition among the checked objects (an Included CRD wins).
// Object schemas are closed (unknown fields rejected, as `kubectl apply --validate=strict` does)
// except where the CRD says `x-kubernetes-preserve-unknown-fields`. A kind with no known CRD,
// or an apiVersion the CRD does not define, is not checked.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { arr, isObject, obj, str } from '../private/json';
import { packageRoot } from '../private/package-root';
import { CheckedObject } from './context';

const SHIPPED_FILE = path.join('schemas', 'crd-schemas.json');
let shipped: Map<string, object> | undefined;
let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The validator of `o`'s group, version and kind (its CRD's closed openAPIV3Schema, compiled
 * once), or undefined when no known CRD defines it. Errors come in the shape `translate` reads.
 */
export function customResourceValidator(o: CheckedObject, objects: readonly CheckedObject[]): ValidateFunction | undefined {
  const schema = customResourceSchema(o, objects);
  if (!schema) {
    return undefined;
  }
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= new Ajv({
      strict: false, // x-kubernetes-* keywords are annotations
      allErrors: true,
      verbose: true,
      messages: false,
      validateSchema: false,
      logger: false, // formats of Included CRDs that ajv does not know are not checked, without a warning
      code: { optimize: false },
      formats: {
        'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 },
        'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) },
        'date-time': /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
      },
    });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The closed openAPIV3Schema for `o`'s group, version and kind, or undefined when no CRD defines it. */
export function customResourceSchema(o: CheckedObject, objects: readonly CheckedObject[]): object | undefined {
  const apiVersion = str(o.manifest.apiVersion) ?? '';
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const key = `${o.group}/${version}/${o.kind}`;
  for (const candidate of objects) {
    if (candidate.kind === 'CustomResourceDefinition' && candidate.group === 'apiextensions.k8s.io') {
      const found = schemasOf(candidate.manifest).get(key);
      if (found) {
        return found;
      }
    }
  }
  return shippedSchemas().get(key);
}

function shippedSchemas(): Map<string, object> {
  if (!shipped) {
    shipped = new Map();
    const raw = obj(JSON.parse(fs.readFileSync(path.join(packageRoot(), SHIPPED_FILE), 'utf8'))) ?? {};
    for (const [key, schema] of Object.entries(raw)) {
      const s = obj(schema);
      if (s) {
        shipped.set(key, closed(withObjectMeta(s)));
      }
    }
  }
  return shipped;
}

const byCrd = new WeakMap<object, Map<string, object>>();

/** `group/version/kind` → closed schema, for every version of one CRD manifest. */
function schemasOf(crd: unknown): Map<string, object> {
  if (!isObject(crd)) {
    return new Map();
  }
  let schemas = byCrd.get(crd);
  if (!schemas) {
    schemas = new Map();
    const spec = obj(obj(crd)?.spec);
    const group = str(spec?.group) ?? '';
    const kind = str(obj(spec?.names)?.kind) ?? '';
    for (const v of arr(spec?.versions)) {
      const schema = obj(obj(obj(v)?.schema)?.openAPIV3Schema);
      const name = str(obj(v)?.name);
      if (schema && name) {
        schemas.set(`${group}/${name}/${kind}`, closed(withObjectMeta(schema)));
      }
    }
    byCrd.set(crd, schemas);
  }
  return schemas;
}

/** The fields every object has, which a structural schema may leave out (the API server adds them). */
function withObjectMeta(schema: { [key: string]: unknown }): { [key: string]: unknown } {
  const properties = obj(schema.properties) ?? {};
  return {
    ...schema,
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...properties },
  };
}

/** A copy with `additionalProperties: false` on object schemas that list properties. */
function closed(schema: unknown): any {
  if (Array.isArray(schema)) {
    return schema.map(closed);
  }
  if (!isObject(schema)) {
    return schema;
  }
  const s = schema as { [key: string]: unknown };
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(s)) {
    out[k] = k === 'properties' && isObject(v)
      ? Object.fromEntries(Object.entries(v as object).map(([p, child]) => [p, closed(child)]))
      : ['items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not'].includes(k) ? closed(v) : v;
  }
  if (isObject(s.properties) && s.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}
