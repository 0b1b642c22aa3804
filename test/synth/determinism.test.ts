import * as fs from 'fs';
import * as path from 'path';
import { hashTree, removeWorkspaces, runFixtureAsync, workspace } from './tree';

afterAll(removeWorkspaces);

test('the same app writes the same bytes whatever the time zone, locale and output path', async () => {
  // GIVEN two machines that differ in everything but the app
  const machines = [
    { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
    { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  ].map((env) => ({ env, outdir: path.join(workspace(), 'checkout', 'dist') }));

  // WHEN each synthesizes it as a program (both at once)
  const runs = await Promise.all(machines.map(({ env, outdir }) => runFixtureAsync({ ...env, FIXTURE_OUTDIR: outdir })));
  for (const run of runs) {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }

  // THEN the trees are identical, hold no path of the machine, and use LF only
  const [a, b] = machines.map((m) => hashTree(m.outdir));
  expect(Object.keys(a).length).toBeGreaterThan(5);
  expect(b).toEqual(a);
  for (const file of Object.keys(a).filter((f) => !f.endsWith('/'))) {
    const text = fs.readFileSync(path.join(machines[0].outdir, file), 'utf8');
    expect(text).not.toContain(path.dirname(machines[0].outdir));
    expect(text).not.toContain('\r');
  }
  // Code-unit key order, not the locale's.
  const shop = fs.readFileSync(path.join(machines[1].outdir, 'staging', 'shop.k8s.yaml'), 'utf8');
  expect(shop).toContain('annotations:\n    example.com/Zeta: ı\n    example.com/alpha: İstanbul ärger\n');
}, 20_000);
