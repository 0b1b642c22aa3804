// Test helper (not a test file): checks manifests against the official Kubernetes 1.27
// definitions (schemas/k8s-1.27.0-definitions.json) with unknown fields rejected. The real,
// synth-time check is the guardrails' schema rule; this one keeps the app tests honest.
// Validators come through the library's disk cache of ajv standalone code (every test file is a
// fresh module registry, and compiling the pod-spec kinds in each was most of jest's CPU).
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { digest, loadValidator } from '../../lib/guardrails/private/validator-cache';

type Json = { [key: string]: any };

const SCHEMA_ID = 'k8s-1.27';
let ajv: Ajv | undefined;
let definitionsDigest = '';
const kinds = new Map<string, string>();
const groups = new Set<string>();
const compiled = new Map<string, ValidateFunction>();

let definitions: Json | undefined;

/** The definitions, closed, and the kinds they define; ajv itself only when a validator is not cached. */
function load(): Json {
  if (definitions) {
    return definitions;
  }
  const file = path.join(__dirname, '..', '..', 'schemas', 'k8s-1.27.0-definitions.json');
  const text = fs.readFileSync(file, 'utf-8');
  definitionsDigest = digest(text);
  definitions = JSON.parse(text).definitions as Json;
  for (const [name, definition] of Object.entries(definitions)) {
    closeObjects(definition);
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      kinds.set(`${apiVersion}/${gvk.kind}`, name);
      groups.add(gvk.group);
    }
  }
  return definitions;
}

function newAjv(): Ajv {
  const created = new Ajv({ strict: false, validateFormats: false, allErrors: true, code: { source: true } });
  created.addSchema({ $id: SCHEMA_ID, definitions: load() });
  return created;
}

/** Unknown fields are errors: every object schema with properties gets additionalProperties: false. */
function closeObjects(schema: Json): void {
  if (schema === null || typeof schema !== 'object') {
    return;
  }
  if (schema.properties && schema.additionalProperties === undefined) {
    schema.additionalProperties = false;
  }
  for (const value of Object.values(schema)) {
    closeObjects(value);
  }
}

/** Schema errors of one manifest, as `Kind/name: /path message` strings (empty when valid or a custom resource). */
export function schemaErrors(manifest: Json): string[] {
  load();
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const definition = kinds.get(key);
  const id = `${manifest.kind}/${manifest.metadata?.name}`;
  if (!definition) {
    const apiVersion = String(manifest.apiVersion);
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    // Custom resources (e.g. external-secrets.io) have no schema in Kubernetes itself.
    return groups.has(group) ? [`${id}: no Kubernetes 1.27 schema for ${key}`] : [];
  }
  let validate = compiled.get(definition);
  if (!validate) {
    validate = loadValidator({
      key: ['test-oracle-kubernetes', digest(fs.readFileSync(__filename, 'utf8')), definitionsDigest, definition],
      compile: () => {
        ajv ??= newAjv();
        return { ajv, validate: ajv.getSchema(`${SCHEMA_ID}#/definitions/${definition}`)! };
      },
      modules: {},
    });
    compiled.set(definition, validate);
  }
  if (validate(manifest)) {
    return [];
  }
  return (validate.errors ?? []).map((e) => `${id}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Schema errors of many manifests. */
export function allSchemaErrors(manifests: Json[]): string[] {
  return manifests.flatMap(schemaErrors);
}
