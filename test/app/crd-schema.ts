// Checks custom resources against the openAPIV3Schema of their CRD in crds/ (ajv, the
// validator the schema guardrail uses), as the API server's structural-schema validation would.
// Not a test file: jest only runs *.test.ts.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { digest, loadValidator } from '../../lib/guardrails/private/validator-cache';

const CRDS = path.join(__dirname, '..', '..', 'crds');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { source: true } });
const parsed = new Map<string, any>();
const validators = new Map<string, ValidateFunction>();

/** Schema errors of `manifest` against the served version of its kind in `crds/<file>` (`path message`). */
export function crdSchemaErrors(manifest: { [key: string]: any }, file: string): string[] {
  const crd = parsed.get(file) ?? parse(fs.readFileSync(path.join(CRDS, file), 'utf8'));
  parsed.set(file, crd);
  const version = String(manifest.apiVersion).split('/')[1];
  const entry = crd.spec.versions.find((v: any) => v.name === version);
  if (!entry) {
    return [`apiVersion ${manifest.apiVersion} is not defined by ${file}`];
  }
  if (crd.spec.names.kind !== manifest.kind) {
    return [`kind ${manifest.kind} is not ${crd.spec.names.kind}`];
  }
  // Through the library's disk cache of standalone code, like k8s-schema.ts; once per CRD version.
  const key = `${file}\0${version}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = loadValidator({
      key: ['test-oracle-crd', digest(fs.readFileSync(__filename, 'utf8')), JSON.stringify(entry.schema.openAPIV3Schema)],
      compile: () => ({ ajv, validate: ajv.compile(entry.schema.openAPIV3Schema) }),
      modules: {},
    });
    validators.set(key, validate);
  }
  const ok = validate(manifest);
  const errors = ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  if (!entry.served) {
    errors.push(`${manifest.apiVersion} is not served by this CRD`);
  }
  return errors;
}
