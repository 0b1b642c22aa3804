// Schemas of custom resources for the `schema` rule, keyed by `group/version/kind`: the
// openAPIV3Schema of each served version of the CRDs in crds/, extracted into
// schemas/crd-schemas.json by scripts/crd-schemas.js (status left open: controllers write it).
// Unknown fields are rejected like the API server's strict field validation does for CRDs
// (apiextensions-apiserver prunes them, `kubectl apply --validate=strict` rejects them), except
// under `x-kubernetes-preserve-unknown-fields: true`. `metadata` is an open object in every CRD
// schema, as the API server validates it as ObjectMeta itself. Add a CRD by copying it into
// crds/ and rerunning the script; nothing here names a kind. Validators are kept on disk like
// the Kubernetes kinds' (private/validator-cache.ts).
import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { obj, str } from '../../kubernetes/private/json';
import { closeObjects } from '../private/close-objects';
import { packageRoot } from '../private/package-root';
import { loadValidator, NAME_PROPERTY, setupKey } from '../private/validator-cache';

const CRD_SCHEMAS_FILE = path.join('schemas', 'crd-schemas.json');

/** A compiled custom resource schema. */
export interface CrdSchema {
  /** The CRD file it comes from, e.g. `crds/argo-cd-application-crd.yaml`, for messages. */
  readonly source: string;
  readonly validate: ValidateFunction;
  /** The schema validated against (closed objects; the root named by `NAME_PROPERTY`, nested objects have no names in a CRD). */
  readonly schema: object;
}

interface CrdIndex {
  readonly raw: Map<string, { readonly source: string; readonly schema: unknown }>;
  /** `group/kind` → `group/version` of each served version */
  readonly versionsOf: Map<string, string[]>;
  readonly groups: Set<string>;
  readonly compiled: Map<string, CrdSchema>;
  ajv?: Ajv;
}

let index: CrdIndex | undefined;
/** This file sets up the validators (options, closed objects): its text is in every key. */
let setupDigest: string | undefined;

/** True when crds/ defines a kind in `group`: objects of that group are then checked. */
export function hasCrdGroup(group: string): boolean {
  return load().groups.has(group);
}

/** The apiVersions crds/ defines `group/kind` in (empty when none). */
export function crdVersionsOf(group: string, kind: string): string[] {
  return [...load().versionsOf.get(`${group}/${kind}`) ?? []];
}

/** The compiled schema of `group/version/kind`, or undefined when crds/ does not define it. */
export function crdSchema(group: string, version: string, kind: string): CrdSchema | undefined {
  const crds = load();
  const key = `${group}/${version}/${kind}`;
  const cached = crds.compiled.get(key);
  if (cached) {
    return cached;
  }
  const entry = crds.raw.get(key);
  if (!entry) {
    return undefined;
  }
  const schema = JSON.parse(JSON.stringify(entry.schema)) as { [key: string]: unknown };
  closeObjects(schema);
  schema[NAME_PROPERTY] = kind;
  setupDigest ??= setupKey(__filename);
  const validate = loadValidator({
    key: ['crd', setupDigest, JSON.stringify(schema)],
    compile: () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { default: AjvClass } = require('ajv') as typeof import('ajv');
      crds.ajv ??= new AjvClass({
        strict: false, // x-kubernetes-* keywords are annotations, not validation keywords
        allErrors: true,
        verbose: true,
        messages: false,
        validateSchema: false,
        logger: false, // formats the CRDs name but ajv does not know (e.g. `duration`) are not checked
        code: { optimize: false, source: true },
      });
      return { ajv: crds.ajv, validate: crds.ajv.compile(schema) };
    },
    modules: {},
  });
  const compiled = { source: entry.source, validate, schema };
  crds.compiled.set(key, compiled);
  return compiled;
}

function load(): CrdIndex {
  if (index) {
    return index;
  }
  const file = path.join(packageRoot(), CRD_SCHEMAS_FILE);
  const schemas = obj(JSON.parse(fs.readFileSync(file, 'utf8')).schemas) ?? {};
  const raw = new Map<string, { source: string; schema: unknown }>();
  const versionsOf = new Map<string, string[]>();
  const groups = new Set<string>();
  for (const [gvk, entry] of Object.entries(schemas)) {
    const [group, version, kind] = gvk.split('/');
    raw.set(gvk, { source: str(obj(entry)?.source) ?? CRD_SCHEMAS_FILE, schema: obj(entry)?.schema });
    groups.add(group);
    versionsOf.set(`${group}/${kind}`, [...versionsOf.get(`${group}/${kind}`) ?? [], `${group}/${version}`]);
  }
  index = { raw, versionsOf, groups, compiled: new Map() };
  return index;
}

