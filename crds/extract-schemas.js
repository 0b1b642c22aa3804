#!/usr/bin/env node
// Writes schemas/crd-schemas.json: the openAPIV3Schema of every version of every CRD in crds/,
// keyed `group/version/Kind`, for the `schema` guardrail (JSON loads in ~1 ms; the YAML takes
// ~300 ms to parse). Generated: rerun `node crds/extract-schemas.js` after changing crds/;
// test/guardrails/crd-schema.test.ts fails when the file is stale.
const fs = require('fs');
const path = require('path');
const { parse } = require('yaml');

function extract(dir) {
  const out = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const crd = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const v of crd.spec.versions) {
      out[`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`] = v.schema.openAPIV3Schema;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

module.exports = { extract };

if (require.main === module) {
  const root = path.join(__dirname, '..');
  fs.writeFileSync(path.join(root, 'schemas', 'crd-schemas.json'), JSON.stringify(extract(path.join(root, 'crds'))) + '\n');
}
