// Preload that runs TypeScript through ts-node with the swc transpiler, loading @swc/core from a
// throw-away install ($APPKIT_BENCH_SWC, absolute path of its `@swc/core` folder): measures the
// `"swc": true` option of ts-node without adding @swc/core to the repo.
'use strict';
const swc = process.env.APPKIT_BENCH_SWC;
if (!swc) {
  throw new Error('swc-register: set APPKIT_BENCH_SWC to the absolute path of an @swc/core install');
}
require('ts-node').register({ transpileOnly: true, transpiler: ['ts-node/transpilers/swc', { swc }] });
