// Rule `schema`: every object validates against the official Kubernetes 1.27 OpenAPI
// definitions shipped in schemas/ (no hand-written schema), with unknown fields rejected the
// way `kubectl apply --validate=strict` does: every object definition that declares
// `properties` but no `additionalProperties` is closed. Custom resources are checked against
// the CRDs in crds/ (crd-schemas.ts) the same way; other custom resources are skipped.
// Each kind's validator is compiled by ajv once, on first use, and kept on disk
// (private/validator-cache.ts): later processes load it without loading ajv.
// The definitions give resource.Quantity as "string or number" only; the API server parses it
// (apimachinery ParseQuantity when decoding), so the `quantity` keyword added to that definition
// parses it the same way and reports the upstream reason. `null` (Quantity.UnmarshalJSON reads
// zero) is accepted like every null field: see `failures`.
import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ErrorObject, KeywordCxt, ValidateFunction } from 'ajv';
import { InvalidQuantityError, quantityOf } from '../../kubernetes/quantity';
import { Rule } from '../rule';
import { closest } from '../../kubernetes/private/edit-distance';
import { apiGroup, arr, isObject, JsonObject, obj, show, str } from '../../kubernetes/private/json';
import { closeObjects } from '../private/close-objects';
import { packageRoot } from '../private/package-root';
import { digest, loadValidator, nameOf, NAME_PROPERTY, setupKey, ValidatorRecipe } from '../private/validator-cache';
import { CheckedObject, RuleContext } from './context';
import { crdSchema, crdVersionsOf, hasCrdGroup } from './crd-schemas';

/** The Kubernetes version whose schema is checked. */
export const SCHEMA_KUBERNETES_VERSION = '1.27';
const DEFINITIONS_FILE = path.join('schemas', 'k8s-1.27.0-definitions.json');
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

interface SchemaIndex {
  /** Made on the first validator the cache does not hold. */
  ajv?: Ajv;
  /** Hash of the definitions file, part of every validator's cache key. */
  readonly definitionsDigest: string;
  /** `group/version/kind` → definition name */
  readonly byGvk: Map<string, string>;
  /** `group/kind` → apiVersions that define it */
  readonly versionsOf: Map<string, string[]>;
  readonly groups: Set<string>;
  readonly compiled: Map<string, ValidateFunction>;
  /** definition name → definition, to follow `$ref` when naming a field */
  readonly definitions: JsonObject;
}

let index: SchemaIndex | undefined;

export function checkSchema(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    for (const problem of validateManifest(o)) {
      ctx.report(Rule.SCHEMA, o, problem.field, problem.message);
    }
  }
}

interface SchemaProblem {
  readonly field: string;
  readonly message: string;
}

function validateManifest(o: CheckedObject): SchemaProblem[] {
  const apiVersion = str(o.manifest.apiVersion);
  const kind = str(o.manifest.kind);
  if (!apiVersion || !kind) {
    return [{
      field: !apiVersion ? 'apiVersion' : 'kind',
      message: `apiVersion and kind are required, got apiVersion ${show(o.manifest.apiVersion)} and kind ${show(o.manifest.kind)}: `
        + 'set both, e.g. apiVersion "apps/v1" and kind "Deployment"',
    }];
  }
  const schemas = loadIndex();
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const definition = schemas.byGvk.get(`${o.group}/${version}/${kind}`);
  if (!definition) {
    if (!schemas.groups.has(o.group)) {
      return validateCustomResource(o, apiVersion, version, kind); // not part of Kubernetes
    }
    // The kind in its own group, else in the group it moved to (extensions/v1beta1 Ingress →
    // networking.k8s.io/v1, extensions/v1beta1 Deployment → apps/v1).
    const known = schemas.versionsOf.get(`${o.group}/${kind}`) ?? inOtherGroups(schemas, kind);
    const fix = known ? `use apiVersion ${known.map((v) => JSON.stringify(v)).join(' or ')}` : 'check apiVersion and kind';
    return [{ field: 'apiVersion', message: `apiVersion "${apiVersion}" kind "${kind}" is not a Kubernetes ${SCHEMA_KUBERNETES_VERSION} type: ${fix}` }];
  }
  const errors = failures(compiled(schemas, definition), o.manifest);
  if (errors.length === 0) {
    return [];
  }
  const root = { schema: schemas.definitions[definition], definitions: schemas.definitions };
  return translate(errors, o.manifest, root, (parent) => `Kubernetes ${SCHEMA_KUBERNETES_VERSION} ${nameOf(parent) ?? 'this object'}`);
}

/**
 * The schema errors of `manifest`, nulls read as Go reads them. The API server decodes JSON with
 * Go's rules (sigs.k8s.io/json, as encoding/json): `null` leaves the value at its zero value, so
 * `replicas: null`, `labels: {a: null}` (""), `args: [null]` ("") or `port: null` (IntOrString 0)
 * are accepted; a CRD's structural schema prunes null fields that are not `nullable`
 * (apiextensions-apiserver, since 1.20). Only when a null fails is the object copied without its
 * null fields and validated again; a null list item is then an error only where the item is an
 * object (its zero value, e.g. a Container without a name, fails upstream validation too).
 */
function failures(validate: ValidateFunction, manifest: unknown): readonly ErrorObject[] {
  if (validate(manifest)) return [];
  const errors = validate.errors ?? [];
  if (!errors.some((e) => e.data === null)) return errors;
  if (validate(withoutNullFields(manifest))) return [];
  return (validate.errors ?? []).filter((e) => e.data !== null || (e.keyword === 'type' && String((e.params as { type?: unknown }).type).includes('object')));
}

/** A copy without the object fields that are null (list items stay: see `failures`). */
function withoutNullFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullFields);
  if (!isObject(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(value as JsonObject)) {
    if (v !== null) out[k] = withoutNullFields(v);
  }
  return out;
}

/** The apiVersions of the Kubernetes types named `kind` in any group; undefined when there are none. */
function inOtherGroups(schemas: SchemaIndex, kind: string): string[] | undefined {
  const versions: string[] = [];
  for (const group of [...schemas.groups].sort()) {
    for (const v of schemas.versionsOf.get(`${group}/${kind}`) ?? []) versions.push(v);
  }
  return versions.length > 0 ? versions : undefined;
}

/** A custom resource against its CRD in crds/; nothing when crds/ has no kind of its group. */
function validateCustomResource(o: CheckedObject, apiVersion: string, version: string, kind: string): SchemaProblem[] {
  if (!hasCrdGroup(o.group)) {
    return [];
  }
  const crd = crdSchema(o.group, version, kind);
  if (!crd) {
    const known = crdVersionsOf(o.group, kind);
    const fix = known.length > 0 ? `use apiVersion ${known.map((v) => JSON.stringify(v)).join(' or ')}` : 'check apiVersion and kind';
    return [{ field: 'apiVersion', message: `apiVersion "${apiVersion}" kind "${kind}" is not defined by the CRDs in crds/: ${fix}` }];
  }
  const errors = failures(crd.validate, o.manifest);
  if (errors.length === 0) {
    return [];
  }
  return translate(errors, o.manifest, { schema: crd.schema, definitions: {} }, (parent) => `${nameOf(parent) === undefined ? 'this object of ' : ''}the ${kind} CRD (${crd.source})`);
}

/** Names the generated code requires (see `loadValidator`). */
const FORMATS_MODULE = 'cdk8s-appkit:formats';
const QUANTITY_MODULE = 'cdk8s-appkit:quantity';
/** This file sets up the validators (options, keywords, closed objects): its text is in every key. */
let setupDigest: string | undefined;

/**
 * The validator the rule uses for `apiVersion`/`kind` (cached standalone code), and the same
 * definition compiled by ajv in memory; undefined for kinds outside the definitions. For the
 * differential test of the cache (test/guardrails/validator-cache.test.ts), not exported by the package.
 */
let inMemoryAjv: Ajv | undefined;
export function validatorsForTest(apiVersion: string, kind: string, location: string): { fromDisk: ValidateFunction; inMemory: ValidateFunction } | undefined {
  const schemas = loadIndex();
  const group = apiGroup(apiVersion);
  const definition = schemas.byGvk.get(`${group}/${apiVersion.slice(apiVersion.indexOf('/') + 1)}/${kind}`);
  if (definition === undefined) {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  inMemoryAjv ??= newAjv(require('ajv') as typeof import('ajv'), schemas.definitions);
  const inMemory = inMemoryAjv.getSchema(`k8s#/definitions/${definition}`);
  if (!inMemory) return undefined;
  const recipe = recipeFor(schemas, definition);
  loadValidator(recipe, location); // writes the standalone code when `location` does not hold it
  const fromDisk = loadValidator({ ...recipe, compile: () => { throw new Error(`${definition} was not loaded from ${location}`); } }, location);
  return { fromDisk, inMemory };
}

function compiled(schemas: SchemaIndex, definition: string): ValidateFunction {
  let validate = schemas.compiled.get(definition);
  if (!validate) {
    validate = loadValidator(recipeFor(schemas, definition));
    schemas.compiled.set(definition, validate);
  }
  return validate;
}

/** How the validator of one definition is made and cached. */
function recipeFor(schemas: SchemaIndex, definition: string): ValidatorRecipe {
  if (!Object.prototype.hasOwnProperty.call(schemas.definitions, definition)) {
    throw new Error(`schema definition ${definition} is missing from ${DEFINITIONS_FILE}: reinstall the package`);
  }
  setupDigest ??= setupKey(__filename);
  return {
    key: ['kubernetes-definition', setupDigest, schemas.definitionsDigest, definition],
    compile: () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      schemas.ajv ??= newAjv(require('ajv') as typeof import('ajv'), schemas.definitions);
      // present: checked above, and addSchema took every definition
      return { ajv: schemas.ajv, validate: schemas.ajv.getSchema(`k8s#/definitions/${definition}`)! };
    },
    modules: { [FORMATS_MODULE]: FORMATS, [QUANTITY_MODULE]: { quantityProblem } },
  };
}

const FORMATS = {
  'int32': { type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 },
  'int64': { type: 'number' as const, validate: (n: number) => Number.isInteger(n) },
  'double': true as const,
  'byte': /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  'int-or-string': true as const,
};

/** ajv set up to write standalone validators of the definitions. */
function newAjv(ajvModule: typeof import('ajv'), definitions: JsonObject): Ajv {
  const { default: AjvClass, _ } = ajvModule;
  const ajv = new AjvClass({
    strict: false, // x-kubernetes-* keywords are annotations, not validation keywords
    allErrors: true, // report every problem of an object at once
    verbose: true, // errors carry the schema and data, for messages
    messages: false, // messages are ours (see translate)
    validateSchema: false, // the file is the official one; checking it costs ~50 ms
    // optimize: false halves compile time of the big pod-spec schemas; source: standalone code
    code: { optimize: false, source: true, formats: _`require(${FORMATS_MODULE})` },
    formats: FORMATS,
  });
  ajv.addKeyword({
    keyword: 'quantity',
    type: ['string', 'number'],
    schemaType: 'boolean',
    error: { message: 'must be a Kubernetes quantity', params: ({ params }) => _`{reason: ${params.reason}}` },
    code(cxt: KeywordCxt) {
      const check = cxt.gen.scopeValue('func', { ref: quantityProblem, code: _`require(${QUANTITY_MODULE}).quantityProblem` });
      const reason = cxt.gen.const('reason', _`${check}(${cxt.data})`);
      cxt.setParams({ reason });
      cxt.fail(_`${reason} !== undefined`);
    },
  });
  ajv.addSchema({ $id: 'k8s', definitions }, 'k8s');
  return ajv;
}

function loadIndex(): SchemaIndex {
  if (index) {
    return index;
  }
  const file = path.join(packageRoot(), DEFINITIONS_FILE);
  const text = fs.readFileSync(file, 'utf8');
  const definitions = obj(JSON.parse(text).definitions) ?? {};
  const byGvk = new Map<string, string>();
  const versionsOf = new Map<string, string[]>();
  const groups = new Set<string>();
  const quantity = definitions[QUANTITY];
  if (isObject(quantity)) {
    (quantity as { [key: string]: unknown }).quantity = true;
  }
  for (const [name, definition] of Object.entries(definitions)) {
    closeObjects(definition);
    if (isObject(definition)) {
      (definition as { [key: string]: unknown })[NAME_PROPERTY] = name.slice(name.lastIndexOf('.') + 1);
    }
    for (const gvk of arr(obj(definition)?.['x-kubernetes-group-version-kind'])) {
      const group = str(obj(gvk)?.group) ?? '';
      const version = str(obj(gvk)?.version) ?? '';
      const kind = str(obj(gvk)?.kind) ?? '';
      const key = `${group}/${version}/${kind}`;
      if (!byGvk.has(key)) {
        byGvk.set(key, name);
        groups.add(group);
        const versions = versionsOf.get(`${group}/${kind}`) ?? [];
        versions.push(group ? `${group}/${version}` : version);
        versionsOf.set(`${group}/${kind}`, versions);
      }
    }
  }
  index = { definitionsDigest: digest(text), byGvk, versionsOf, groups, compiled: new Map(), definitions };
  return index;
}

/**
 * Quantity.UnmarshalJSON trims Unicode spaces (strings.TrimSpace) from the raw JSON text before
 * ParseQuantity; tabs and line breaks arrive JSON-escaped (`\t`) and are not trimmed.
 */
const JSON_TRIMMED_SPACE = /^[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+$/g;

/** The `quantity` keyword: undefined when apimachinery ParseQuantity accepts the value, else the upstream reason. */
function quantityProblem(data: string | number): string | undefined {
  try {
    quantityOf(typeof data === 'string' ? data.replace(JSON_TRIMMED_SPACE, '') : data);
    return undefined;
  } catch (e) {
    return e instanceof InvalidQuantityError ? e.reason : String(e);
  }
}


/** ajv errors → one sentence each, with the field as a Kubernetes JSON path. */
/** `owner(parent schema)` names what has no such field, e.g. `Kubernetes 1.27 Container`. */
function translate(errors: readonly ErrorObject[], manifest: unknown, root: RootSchema, owner: (parent: object) => string): SchemaProblem[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (oneOfAt.has(e.instancePath) && e.keyword !== 'oneOf' && e.schemaPath.includes('/oneOf/')) {
      continue; // the branch failures of a oneOf (IntOrString, Quantity) read better as one sentence
    }
    const problem = describe(e, manifest, root, owner);
    const key = `${problem.field}\n${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function describe(e: ErrorObject, manifest: unknown, root: RootSchema, owner: (parent: object) => string): SchemaProblem {
  const segments = pointerSegments(e.instancePath);
  const field = fieldPath(segments, manifest, root);
  const got = show(e.data);
  const params = e.params as { [key: string]: unknown };
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const unknownField = fieldPath([...segments, name], manifest, root);
      const parent = obj(e.parentSchema) ?? {};
      const suggestion = closest(name, Object.keys(obj(parent.properties) ?? {}));
      const fix = suggestion ? `did you mean "${suggestion}"?` : `remove it: ${owner(parent)} has no such field`;
      return { field: unknownField, message: `unknown field "${unknownField}": ${fix}` };
    }
    case 'required': {
      const missing = fieldPath([...segments, String(params.missingProperty)], manifest, root);
      return { field: missing, message: `required field "${missing}" is missing: set it` };
    }
    case 'type':
      return { field, message: `${field || 'the object'} must be ${String(params.type)}, got ${got}` };
    case 'oneOf': {
      const types = arr(e.schema) // with `verbose`, the keyword's value: the oneOf branches
        .map((branch) => str(obj(branch)?.type))
        .filter((t): t is string => t !== undefined);
      return { field, message: `${field} must be ${types.join(' or ')}, got ${got}` };
    }
    case 'enum':
      return { field, message: `${field} must be one of ${arr(params.allowedValues).map((v) => show(v)).join(', ')}, got ${got}` };
    case 'quantity':
      return { field, message: `${field} must be a Kubernetes quantity, got ${got}: ${String(params.reason)}` };
    case 'format':
      return { field, message: `${field} must be ${FORMAT_NAMES[String(params.format)] ?? `in format ${String(params.format)}`}, got ${got}` };
    default:
      return { field, message: `${field} fails schema keyword ${e.keyword} ${JSON.stringify(params)}, got ${got}` };
  }
}

const FORMAT_NAMES: { readonly [format: string]: string } = {
  'int32': 'a 32-bit integer',
  'int64': 'an integer',
  'byte': 'base64-encoded',
  'date-time': 'an RFC 3339 date-time',
};

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The schema an object was validated against, and the definitions its `$ref`s name. */
interface RootSchema {
  readonly schema: unknown;
  readonly definitions: JsonObject;
}

/**
 * `['spec','containers','0','resources','limits','cpu']` → `spec.containers[0].resources.limits[cpu]`:
 * fields after a dot, list indexes and map keys (a key of an object the schema types by
 * `additionalProperties`, e.g. a ResourceList or labels) in brackets, as Go's field.Path prints
 * Index and Key (apimachinery pkg/util/validation/field/path.go); where the schema does not say,
 * keys that are not identifiers in brackets.
 */
function fieldPath(segments: readonly string[], root: unknown, rootSchema: RootSchema): string {
  const deref = (schema: unknown): JsonObject | undefined => {
    let s = obj(schema);
    for (let hops = 0; s !== undefined && typeof s.$ref === 'string' && hops < 32; hops++) {
      s = obj(rootSchema.definitions[s.$ref.slice(s.$ref.lastIndexOf('/') + 1)]);
    }
    return s;
  };
  let out = '';
  let node: unknown = root;
  let schema = deref(rootSchema.schema);
  for (const s of segments) {
    if (Array.isArray(node)) {
      out += `[${s}]`;
      node = node[Number(s)];
      schema = deref(schema?.items);
      continue;
    }
    const properties = obj(schema?.properties);
    const property = properties !== undefined && Object.prototype.hasOwnProperty.call(properties, s) ? properties[s] : undefined;
    if (property === undefined && isObject(schema?.additionalProperties)) {
      out += `[${s}]`; // a map key
      schema = deref(schema?.additionalProperties);
    } else {
      out += /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s) ? `${out ? '.' : ''}${s}` : `[${s}]`;
      schema = deref(property);
    }
    node = isObject(node) ? (node as JsonObject)[s] : undefined;
  }
  return out;
}

