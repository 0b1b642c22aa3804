// jest globalTeardown: removes the run's temporary folder (see global-setup.js).
'use strict';
const fs = require('fs');

module.exports = function globalTeardown() {
  const dir = process.env.CDK8S_APPKIT_JEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
