// `cdk8s-appkit diff`: dist/ on disk against dist/ of a commit, in temporary git repositories.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';

const CONFIG = (value: string, name = 'shop-config') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: shop
data:
  LOG_LEVEL: ${value}
`;
const DEPLOYMENT = (image: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ${image}
          env:
            - name: A
              value: "1"
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
        - name: sidecar
          image: proxy:1.0
`;
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const REPORT = (verdict: string, cpu: string, pods: number) => `# Capacity: production

**${verdict}**: ${pods} pods placed on 2 nodes in 1 pool.

## Cluster

| resource | requested | allocatable | % |
|:--|--:|--:|--:|
| cpu | ${cpu} | 3860m | 10.0% |
| memory | 512Mi | 14Gi | 3.6% |
| pods | ${pods} | 220 | 1.8% |

## Pool general (2 nodes)

| resource | requested | allocatable | % |
|:--|--:|--:|--:|
| cpu | 999m | 3860m | 10.0% |
`;

/** A git repository whose first commit holds `files` (paths under the repository). */
function repo(files: { [file: string]: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-diff-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'base');
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
}

function write(dir: string, files: { [file: string]: string | null }): void {
  for (const [file, text] of Object.entries(files)) {
    const p = path.join(dir, file);
    if (text === null) {
      fs.rmSync(p);
    } else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
    }
  }
}

function run(cwd: string, ...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = main(['diff', ...argv], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {} });
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}

const BASE = {
  'dist/production/shop.k8s.yaml': [NAMESPACE, CONFIG('info'), DEPLOYMENT('api:1.0', 2)].join('---\n'),
  'dist/production/kustomization.yaml': 'resources:\n  - shop.k8s.yaml\n',
  'dist/production/capacity.md': REPORT('Fits', '400m', 4),
};

function short(dir: string): string {
  return git(dir, 'rev-parse', 'HEAD').trim().slice(0, 12);
}

describe('cdk8s-appkit diff', () => {
  test('no change: one line, exit 0', () => {
    const dir = repo(BASE);
    expect(run(dir)).toEqual({ code: 0, stderr: '', stdout: `cdk8s-appkit diff: dist against HEAD (${short(dir)}): no object changed.\n` });
  });

  test('added and removed objects, and the capacity effect: exit 1', () => {
    // GIVEN a new ConfigMap, the Namespace gone, and the report after the change
    const dir = repo(BASE);
    write(dir, {
      'dist/production/shop.k8s.yaml': [CONFIG('info'), CONFIG('x', 'extra'), DEPLOYMENT('api:1.0', 2)].join('---\n'),
      'dist/production/capacity.md': REPORT('Does not fit', '600m', 6),
    });

    // THEN
    expect(run(dir)).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `cdk8s-appkit diff: dist against HEAD (${short(dir)}): 1 added, 1 removed in 1 folder.`,
        '',
        'production:',
        '  added    ConfigMap shop/extra',
        '  removed  Namespace shop',
        '  capacity requested (capacity.md): cpu 400m → 600m, memory 512Mi (unchanged), pods 4 → 6; Fits → Does not fit',
        '',
      ].join('\n'),
    });
  });

  test('changed objects: field paths with old → new values, list items matched by name', () => {
    const dir = repo(BASE);
    write(dir, { 'dist/production/shop.k8s.yaml': [NAMESPACE, CONFIG('debug'), DEPLOYMENT('api:1.1', 3)].join('---\n') });
    expect(run(dir)).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `cdk8s-appkit diff: dist against HEAD (${short(dir)}): 2 changed in 1 folder.`,
        '',
        'production:',
        '  changed  ConfigMap shop/shop-config',
        '             data.LOG_LEVEL: "info" → "debug"',
        '  changed  Deployment.apps shop/shop-api',
        '             spec.replicas: 2 → 3',
        '             spec.template.spec.containers[name=api].image: "api:1.0" → "api:1.1"',
        '',
      ].join('\n'),
    });
  });

  test('without capacity.md the capacity effect is recomputed from the replica budget', () => {
    const dir = repo({ 'dist/staging/shop.k8s.yaml': DEPLOYMENT('api:1.0', 2) });
    write(dir, { 'dist/staging/shop.k8s.yaml': DEPLOYMENT('api:1.0', 5) });
    expect(run(dir).stdout).toBe([
      `cdk8s-appkit diff: dist against HEAD (${short(dir)}): 1 changed in 1 folder.`,
      '',
      'staging:',
      '  changed  Deployment.apps shop/shop-api',
      '             spec.replicas: 2 → 5',
      '  capacity requested (recomputed at the replica budget, no capacity.md): cpu 500m → 1250m, memory 512Mi → 1280Mi, pods 2 → 5',
      '',
    ].join('\n'));
  });

  test('a renamed object is one line, saying Kubernetes replaces it', () => {
    const dir = repo(BASE);
    write(dir, { 'dist/production/shop.k8s.yaml': [NAMESPACE, CONFIG('info', 'shop-settings'), DEPLOYMENT('api:1.0', 2)].join('---\n') });
    expect(run(dir).stdout).toBe([
      `cdk8s-appkit diff: dist against HEAD (${short(dir)}): 1 renamed in 1 folder.`,
      '',
      'production:',
      '  renamed  ConfigMap shop/shop-config → shop-settings (Kubernetes deletes the old object and creates the new one)',
      '',
    ].join('\n'));
  });

  test('--format markdown, for a pull-request comment', () => {
    const dir = repo(BASE);
    write(dir, {
      'dist/production/shop.k8s.yaml': [NAMESPACE, CONFIG('debug'), DEPLOYMENT('api:1.0', 2)].join('---\n'),
      'dist/production/capacity.md': REPORT('Fits', '500m', 5),
      'dist/staging/shop.k8s.yaml': NAMESPACE,
    });
    expect(run(dir, '--format', 'markdown')).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `### cdk8s-appkit diff: \`dist\` against \`HEAD\` (\`${short(dir)}\`): 1 added, 1 changed in 2 folders.`,
        '',
        '#### `production`',
        '',
        '- **changed** `ConfigMap shop/shop-config`',
        '  - `data.LOG_LEVEL`: `"info"` → `"debug"`',
        '',
        'Capacity (requested by the placed pods, from `capacity.md`): **Fits** → **Fits**',
        '',
        '| resource | before | after |',
        '|:--|--:|--:|',
        '| cpu | 400m | 500m |',
        '| memory | 512Mi | 512Mi |',
        '| pods | 4 | 5 |',
        '',
        '#### `staging`',
        '',
        '- **added** `Namespace shop`',
        '',
      ].join('\n'),
    });
  });

  test('--format json carries the same diff as data', () => {
    const dir = repo(BASE);
    write(dir, { 'dist/production/shop.k8s.yaml': [NAMESPACE, CONFIG('debug'), DEPLOYMENT('api:1.0', 2)].join('---\n') });
    const result = run(dir, '--format=json', 'dist');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      base: { ref: 'HEAD', commit: git(dir, 'rev-parse', 'HEAD').trim() },
      distDir: 'dist',
      changes: 1,
      environments: [{
        environment: 'production',
        added: [],
        removed: [],
        renamed: [],
        changed: [{ object: { group: '', kind: 'ConfigMap', namespace: 'shop', name: 'shop-config' }, fields: [{ path: 'data.LOG_LEVEL', before: 'info', after: 'debug' }] }],
        secrets: [],
        capacity: { source: 'capacity.md', verdictBefore: 'Fits', verdictAfter: 'Fits', requested: [
          { resource: 'cpu', before: '400m', after: '400m' },
          { resource: 'memory', before: '512Mi', after: '512Mi' },
          { resource: 'pods', before: '4', after: '4' },
        ] },
      }],
    });
  });

  test('--base compares with another commit; the dist folder may be given', () => {
    // GIVEN a second commit that changes the ConfigMap, and the disk back at the first version
    const dir = repo(BASE);
    const first = git(dir, 'rev-parse', 'HEAD').trim();
    write(dir, { 'dist/production/shop.k8s.yaml': [NAMESPACE, CONFIG('debug'), DEPLOYMENT('api:1.0', 2)].join('---\n') });
    git(dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-am', 'debug');

    // THEN against the first commit it differs, against HEAD it does not
    expect(run(path.join(dir, 'dist'), '--base', first, '.').code).toBe(1);
    expect(run(dir, '--base', 'HEAD~1', 'dist').stdout.split('\n')[0]).toBe(`cdk8s-appkit diff: dist against HEAD~1 (${first.slice(0, 12)}): 1 changed in 1 folder.`);
    expect(run(dir, '--base', 'main', 'dist').code).toBe(0);
  });

  test('a Secret in dist/ is named with a warning; its contents are never shown', () => {
    const secret = (v: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\ndata:\n  password: ${v}\n`;
    const dir = repo({ ...BASE, 'dist/production/secret.k8s.yaml': secret('c2VjcmV0') });
    write(dir, { 'dist/production/secret.k8s.yaml': secret('bmV3LXNlY3JldA==') });
    const { code, stdout } = run(dir);
    expect(code).toBe(1);
    expect(stdout).toBe([
      `cdk8s-appkit diff: dist against HEAD (${short(dir)}): 1 changed in 1 folder.`,
      '',
      'production:',
      '  changed  Secret shop/db (contents hidden: Secrets are never shown)',
      '  warning  Secret shop/db is in dist/, so its data is in Git: use SecretRef.fromExternalSecret or a Secret created in the cluster',
      '',
    ].join('\n'));
    expect(stdout).not.toContain('c2VjcmV0');
    expect(stdout).not.toContain('password');
  });

  test('fails with exit 2 on an unknown ref', () => {
    const dir = repo(BASE);
    expect(run(dir, '--base', 'origin/nope')).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: --base origin/nope is not a commit of the repository at ${fs.realpathSync(dir)}: fetch it (git fetch origin) or give a branch, tag or commit that exists.\n`,
    });
  });

  test('fails with exit 2 outside a git repository', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-nogit-'));
    write(dir, BASE);
    expect(run(dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: dist is not inside a git repository: run cdk8s-appkit diff in a clone of your repository, or pass the dist folder of one.\n',
    });
  });

  test('fails with exit 2 on unreadable YAML, naming the file and line', () => {
    const dir = repo(BASE);
    write(dir, { 'dist/production/shop.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [\n' });
    expect(run(dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: dist/production/shop.k8s.yaml document 0: invalid YAML at line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ].\n',
    });
  });

  test('fails with exit 2 when the dist folder is a file', () => {
    const dir = repo(BASE);
    expect(run(dir, 'dist/production/shop.k8s.yaml')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: dist/production/shop.k8s.yaml is not a folder: pass the dist folder that npm run synth writes.\n',
    });
  });

  test.each([
    [['--base', 'HEAD', '--base', 'origin/main'], 'option --base is given twice, "HEAD" and "origin/main", and takes one value: keep one of the two'],
    [['--format=json', '--format', 'text'], 'option --format is given twice, "json" and "text", and takes one value: keep one of the two'],
    [['--base='], '--base needs a value, got an empty one: use e.g. --base origin/main'],
    [['--base', '--format', 'json'], '--base needs a value: use e.g. --base origin/main'],
    [['a', 'b'], 'expected one dist folder, got 2: a b: give one, e.g. cdk8s-appkit diff dist'],
  ])('fails with exit 2 and the usage line for diff %j', (argv, message) => {
    expect(run(os.tmpdir(), ...argv)).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${message}\nusage: cdk8s-appkit diff [--base <git-ref>] [--format text|markdown|json] [dist-dir]\nRun 'cdk8s-appkit diff --help' for the options.\n`,
    });
  });

  test('fails with exit 2 on a bad flag, with the usage line', () => {
    expect(run(os.tmpdir(), '--format', 'html')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --format must be text, markdown or json, got "html": use e.g. --format markdown\nusage: cdk8s-appkit diff [--base <git-ref>] [--format text|markdown|json] [dist-dir]\nRun \'cdk8s-appkit diff --help\' for the options.\n',
    });
  });
});
