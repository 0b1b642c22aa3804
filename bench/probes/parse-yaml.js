// Baseline of the CLI benchmark: a bare node process that only reads and parses the same YAML
// files with the `yaml` package, the way the CLI does (parseAllDocuments + toJS per document).
'use strict';
const fs = require('fs');
const { parseAllDocuments } = require('yaml');

let documents = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length > 0) {
      throw doc.errors[0];
    }
    doc.toJS({ maxAliasCount: 1000 });
    documents++;
  }
}
process.stdout.write(`${documents} documents\n`);
