// Checks custom resources against the openAPIV3Schema of their CRD in crds/ (ajv, the
// validator the schema guardrail uses), as the API server's structural-schema validation would.
// Not a test file: jest only runs *.test.ts.
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const CRDS = path.join(__dirname, '..', '..', 'crds');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

/** Schema errors of `manifest` against the served version of its kind in `crds/<file>` (`path message`). */
export function crdSchemaErrors(manifest: { [key: string]: any }, file: string): string[] {
  const crd = parse(fs.readFileSync(path.join(CRDS, file), 'utf8'));
  const version = String(manifest.apiVersion).split('/')[1];
  const entry = crd.spec.versions.find((v: any) => v.name === version);
  if (!entry) {
    return [`apiVersion ${manifest.apiVersion} is not defined by ${file}`];
  }
  if (crd.spec.names.kind !== manifest.kind) {
    return [`kind ${manifest.kind} is not ${crd.spec.names.kind}`];
  }
  const validate = ajv.compile(entry.schema.openAPIV3Schema);
  const ok = validate(manifest);
  const errors = ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  if (!entry.served) {
    errors.push(`${manifest.apiVersion} is not served by this CRD`);
  }
  return errors;
}
