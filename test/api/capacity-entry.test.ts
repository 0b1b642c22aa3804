// `cdk8s-appkit/capacity` (lib/capacity-api.ts) loads the engine and planner only: no cdk8s,
// cdk8s-plus-27, constructs or ajv. Checked in a fresh process through the cached loader, by the
// modules in require.cache after requiring the entry and running planCapacity.
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const TS_REGISTER = path.join(ROOT, 'bin', 'ts-register.js');

function loadedPackages(entry: string, script: string): { packages: string[]; output: string } {
  const program = `
    const api = require(${JSON.stringify(entry)});
    const out = (${script})(api);
    const packages = new Set();
    for (const file of Object.keys(require.cache)) {
      const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
      if (m) packages.add(m[1].replace(/\\\\/g, '/'));
    }
    process.stdout.write(JSON.stringify({ packages: [...packages].sort(), output: out }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-r', TS_REGISTER, '-e', program], { cwd: ROOT, encoding: 'utf8' }));
}

describe('cdk8s-appkit/capacity', () => {
  test('loads no cdk8s, cdk8s-plus-27, constructs or ajv, and plans capacity', () => {
    // GIVEN the capacity entry WHEN a process requires it and plans one Deployment on one pool
    const { packages, output } = loadedPackages(path.join(ROOT, 'lib', 'capacity-api.ts'), `(api) => {
      const plan = api.planCapacity({
        manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
          spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu: '500m', memory: '256Mi' } } }] } } } }],
        pools: [{ name: 'general', count: 1, allocatable: { cpu: '2', memory: '4Gi', pods: 110 } }],
      });
      return { fits: plan.fits, quantity: api.parseQuantity('1.5Gi').toString() };
    }`);
    // THEN the plan is computed and only the YAML parser is loaded from node_modules
    expect(output).toEqual({ fits: true, quantity: '1536Mi' });
    expect(packages.filter((p) => ['cdk8s', 'cdk8s-plus-27', 'constructs', 'ajv'].includes(p))).toEqual([]);
    // (esbuild or typescript is the loader's compiler on a cache miss, not a dependency of the entry)
    expect(packages.filter((p) => p !== 'typescript' && p !== 'esbuild')).toEqual(['yaml']);
  });

  test('the root entry, by contrast, loads cdk8s and constructs (so the subpath is the light way in)', () => {
    const { packages } = loadedPackages(path.join(ROOT, 'lib', 'index.ts'), '() => null');
    expect(packages).toEqual(expect.arrayContaining(['cdk8s', 'cdk8s-plus-27', 'constructs']));
  });
});
