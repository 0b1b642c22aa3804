// jest globalSetup: every temporary file of the run (os.tmpdir() in tests, in the library under
// test, in cdk8s's Testing.app(), which makes a `cdk8s.outdir.*` folder per call, and in child
// processes) goes into one folder of this run, which global-teardown.js removes. Without it each
// `npm test` left ~2,000 folders in /tmp.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-appkit-jest-'));
  process.env.CDK8S_APPKIT_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir; // workers and their children inherit it; os.tmpdir() reads it
};
