// The CLI as a user runs it: a separate node process through the real entry point (runCli),
// exit code from the process. Transpiled on the fly (bin/ts-register.js, cached), so it does
// not depend on a build/ that may be stale.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The cached transpile-only loader `npm run synth` uses: child processes start in well under a second.
const TS_REGISTER = path.join(__dirname, '..', '..', 'bin', 'ts-register.js');

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = 'test/fixtures/capacity';

test('runs as a process: prints the report, exits 1 when over-committed, loads no cdk8s', () => {
  // GIVEN a file that receives the modules the process loaded
  const modulesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-process-')), 'modules.json');
  const script = [
    "process.on('exit', () => require('fs').writeFileSync(process.env.MODULES_FILE, JSON.stringify(Object.keys(require.cache))));",
    "require('./lib/cli/main').runCli(process.argv.slice(1));",
  ].join('\n');

  // WHEN
  const r = spawnSync(process.execPath, [
    '-r', TS_REGISTER, '-e', script,
    'capacity', '--nodes', `${FIXTURES}/nodes/pools.yaml`, `${FIXTURES}/overcommitted`,
  ], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MODULES_FILE: modulesFile, CDK8S_APPKIT_DEBUG: '' } });

  // THEN
  expect(r.stderr).toBe('error: the workloads do not fit: 1 failure, listed under "Failures" above.\n');
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/^# Capacity report\n\n\*\*Does not fit\*\*: /);
  expect(r.stdout).toContain('## Failures\n\n1. batch/crunch (Deployment, replica 7 of 7): 0/4 nodes are available: ');
  expect(r.stdout).toContain('## Pool general (3 nodes)');
  const loaded = (JSON.parse(fs.readFileSync(modulesFile, 'utf8')) as string[]).map((m) => path.relative(ROOT, m));
  expect(loaded.filter((m) => /node_modules[\\/](cdk8s|cdk8s-plus-27|constructs|ajv)[\\/]/.test(m))).toEqual([]);
  expect(loaded).toContain(path.join('node_modules', 'yaml', 'dist', 'index.js'));
});
