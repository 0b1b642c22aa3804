#!/usr/bin/env node
// Writes schemas/crd-schemas.json from the CustomResourceDefinitions in crds/: for every
// version of every CRD, its openAPIV3Schema keyed by `group/version/kind`, so the `schema`
// guardrail validates custom resources without parsing ~500 KB of YAML at each synth.
// `status` is written by the controller, never by us: its schema (most of Argo CD's 400 KB)
// is replaced by an open object. Run after changing crds/:  node scripts/crd-schemas.js
// (`--check` exits 1 when the file is out of date; the tests run it).
'use strict';
const fs = require('fs');
const path = require('path');
const { parseAllDocuments } = require('yaml');

const root = path.join(__dirname, '..');
const out = path.join(root, 'schemas', 'crd-schemas.json');

function build() {
  const schemas = {};
  const files = fs.readdirSync(path.join(root, 'crds')).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(root, 'crds', file), 'utf8'))) {
      const crd = doc.toJS();
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        // Every version with a schema, served or not in this copy: older operators still serve
        // versions a newer CRD stopped serving (ExternalSecret v1beta1).
        if (!version.schema || !version.schema.openAPIV3Schema) continue;
        const schema = JSON.parse(JSON.stringify(version.schema.openAPIV3Schema));
        if (schema.properties && schema.properties.status) {
          schema.properties.status = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
        }
        schemas[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = { source: `crds/${file}`, schema };
      }
    }
  }
  return `${JSON.stringify({ generatedBy: 'scripts/crd-schemas.js from crds/ (do not edit)', schemas }, null, 1)}\n`;
}

const text = build();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (current !== text) {
    process.stderr.write('schemas/crd-schemas.json is out of date with crds/: run node scripts/crd-schemas.js\n');
    process.exit(1);
  }
} else {
  fs.writeFileSync(out, text);
}
