import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, main } from '../../lib/cli/main';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'capacity');
const fixture = (...p: string[]) => path.relative(process.cwd(), path.join(FIXTURES, ...p));
const POOLS = fixture('nodes', 'pools.yaml');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Run {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readStdin: () => {
      if (options.stdin === undefined) throw new Error('test: no stdin');
      return options.stdin;
    },
    env: options.env ?? {},
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

describe('cdk8s-appkit (usage)', () => {
  test('--help prints the commands and exits 0', () => {
    const r = run(['--help']);
    expect(r).toEqual({ code: 0, stdout: expect.stringContaining('usage: cdk8s-appkit <command> [options]\n'), stderr: '' });
    expect(r.stdout).toContain('capacity    check that the workloads');
  });

  test('capacity --help prints the options and exits 0', () => {
    const r = run(['capacity', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('usage: cdk8s-appkit capacity --nodes <file> [--nodes <file>...] [options] <file-or-dir|->...\n')).toBe(true);
    for (const option of ['--nodes <file>', '--headroom <k>', '--suggest-nodes', '--missing-requests <level>', '--surge <policy>', '--pool-label <label>', '--format <format>', '--svg <file>', '--title <text>', '-R, --recursive']) {
      expect(r.stdout).toContain(`\n  ${option} `);
    }
  });

  test.each([
    [[], 'error: no command given\nusage: cdk8s-appkit <command> [options]\nRun \'cdk8s-appkit --help\' for the options.\n'],
    [['deploy'], 'error: unknown command "deploy"\nusage: cdk8s-appkit <command> [options]\nRun \'cdk8s-appkit --help\' for the options.\n'],
  ])('fails with exit 2 and the usage line for %j', (argv, stderr) => {
    expect(run(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  const CAPACITY_USAGE = 'usage: cdk8s-appkit capacity --nodes <file> [--nodes <file>...] [options] <file-or-dir|->...\nRun \'cdk8s-appkit capacity --help\' for the options.\n';
  test.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--headrom', '1'], 'unknown option --headrom: did you mean --headroom?'],
    [['--nodes', POOLS, '--format', 'yaml', 'x.yaml'], 'option --format must be one of text, markdown, json, got "yaml": use e.g. --format json'],
    [['--nodes', POOLS, '--missing-requests=maybe', 'x.yaml'], 'option --missing-requests must be one of error, warn, warning, ignore, got "maybe": use e.g. --missing-requests warn'],
    [['--nodes', POOLS, '--surge', 'some', 'x.yaml'], 'option --surge must be one of each-rollout, none, largest-rollout, all-rollouts, got "some": use e.g. --surge none'],
    [['--nodes', POOLS, '--headroom', '-1', 'x.yaml'], 'option --headroom must be a whole number of nodes ≥ 0, got "-1": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone'],
    [['--nodes', POOLS, '--headroom', '1.5', 'x.yaml'], 'option --headroom must be a whole number of nodes ≥ 0, got "1.5": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone'],
    [['--nodes', POOLS, '--headroom=-3', 'x.yaml'], 'option --headroom must be a whole number of nodes ≥ 0, got "-3": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone'],
    [['--nodes', POOLS, '--headroom', '1e3', 'x.yaml'], 'option --headroom must be a whole number of nodes ≥ 0, got "1e3": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone'],
    [['--nodes', POOLS, '--headroom', '99999999999999999999', 'x.yaml'], 'option --headroom must be a whole number of nodes ≥ 0 and at most 9007199254740991, got "99999999999999999999": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone'],
    [['--nodes', POOLS, '--headroom', 'general=-1', 'x.yaml'], 'option --headroom: nodes of pool general must be a whole number ≥ 0, got "-1" in "general=-1": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone'],
    [['--nodes', POOLS, '--max-input-bytes', '-1', 'x.yaml'], 'option --max-input-bytes must be a whole number of bytes ≥ 1, with an optional Ki, Mi or Gi suffix, at most 9007199254740991 bytes, got "-1": use e.g. --max-input-bytes 128Mi'],
    [['--nodes', POOLS, '--max-input-bytes', '99999999999999999Gi', 'x.yaml'], 'option --max-input-bytes must be a whole number of bytes ≥ 1, with an optional Ki, Mi or Gi suffix, at most 9007199254740991 bytes, got "99999999999999999Gi": use e.g. --max-input-bytes 128Mi'],
    [['--nodes', POOLS, '--pool-label', 'my pool', 'x.yaml'], 'option --pool-label must be a node label key, got "my pool" (name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character '
      + '(e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')): use e.g. --pool-label eks.amazonaws.com/nodegroup'],
    [['--nodes'], 'option --nodes needs a value: use e.g. --nodes nodes.yaml'],
    [['--nodes', '--headroom', '1', 'x.yaml'], 'option --nodes needs a value: use e.g. --nodes nodes.yaml'],
    [['x.yaml'], '--nodes is required: give the Node objects or NodePool file the workloads must fit on'],
    [['--nodes', POOLS], 'no manifests given: pass YAML files or folders, or - to read stdin'],
    [['--nodes', '-', '-'], 'stdin (-) can be read only once'],
  ])('fails with exit 2 and the capacity usage line for capacity %j', (argv, message) => {
    expect(run(['capacity', ...argv])).toEqual({ code: 2, stdout: '', stderr: `error: ${message}\n${CAPACITY_USAGE}` });
  });

  // Every single-valued option: given twice, refused with both values (never the last one silently).
  test.each([
    [['--headroom', '1', '--headroom', '2'], '--headroom', '1', '2'],
    [['--headroom=1', '--headroom', '1'], '--headroom', '1', '1'],
    [['--surge', 'none', '--surge=all-rollouts'], '--surge', 'none', 'all-rollouts'],
    [['--missing-requests', 'warn', '--missing-requests', 'ignore'], '--missing-requests', 'warn', 'ignore'],
    [['--format', 'json', '--format', 'text'], '--format', 'json', 'text'],
    [['-n', 'shop', '--namespace', 'web'], '--namespace', 'shop', 'web'],
    [['--pool-label', 'a', '--pool-label', 'b'], '--pool-label', 'a', 'b'],
    [['--svg', 'a.svg', '--svg', 'b.svg'], '--svg', 'a.svg', 'b.svg'],
    [['--title', '', '--title', 'B'], '--title', '', 'B'],
    [['--max-input-bytes', '1Mi', '--max-input-bytes', '2Mi'], '--max-input-bytes', '1Mi', '2Mi'],
  ])('fails with exit 2 on a single-valued option given twice: %j', (twice, option, first, second) => {
    expect(run(['capacity', '--nodes', POOLS, ...twice, 'x.yaml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: option ${option} is given twice, ${JSON.stringify(first)} and ${JSON.stringify(second)}, and takes one value: keep one of the two\n${CAPACITY_USAGE}`,
    });
  });

  test('repeatable inputs stay repeatable: --nodes twice, several manifests, -R twice', () => {
    const r = run(['capacity', '--nodes', POOLS, '--nodes', fixture('nodes', 'kubectl-nodes.yaml'), '-R', '-R', fixture('fits', 'shop.yaml'), fixture('fits', 'worker.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Both node files (4 + 2 nodes) and both manifests (9 pods): neither file alone gives this line.
    expect(r.stdout).toContain('**Fits**: 9 pods placed on 6 nodes (5 usable by the pods: 1 tainted away) in 2 pools.');
  });
});

describe('cdk8s-appkit capacity (bad input)', () => {
  test('fails with exit 2 naming an unreadable file', () => {
    const missing = fixture('fits', 'missing.yaml');
    expect(run(['capacity', '--nodes', POOLS, missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${missing}: cannot read: no such file or folder (ENOENT).\n`,
    });
  });

  test('fails with exit 2 naming an unreadable --nodes file', () => {
    expect(run(['capacity', '--nodes', 'nope.yaml', fixture('fits')])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: nope.yaml: cannot read: no such file or folder (ENOENT).\n',
    });
  });

  test('fails with exit 2 naming the file, document and line of invalid YAML', () => {
    const file = fixture('bad', 'invalid-yaml.yaml');
    const r = run(['capacity', '--nodes', POOLS, file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // the parser's own words, after the file, the document index and the position (said once)
    expect(r.stderr).toBe(`error: ${file} document 1: invalid YAML at line 9, column 9: Nested mappings are not allowed in compact mappings.\n`);
  });

  test('fails with exit 2 on invalid YAML read from stdin', () => {
    const r = run(['capacity', '--nodes', POOLS, '-'], { stdin: 'kind: [' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: <stdin> document 0: invalid YAML at line 1, column 8: Flow sequence in block collection must be sufficiently indented and end with a ].\n');
  });

  test('fails with exit 2 on a YAML alias without an anchor (not an internal error)', () => {
    const stdin = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: *nope}\n';
    expect(run(['capacity', '--nodes', POOLS, '-'], { stdin })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: <stdin> document 0: invalid YAML at line 4, column 11: Unresolved alias (the anchor must be set before the alias): nope.\n',
    });
  });

  test('fails with exit 2 naming the file, object and field of an invalid quantity', () => {
    const file = fixture('bad', 'invalid-quantity.yaml');
    const r = run(['capacity', '--nodes', POOLS, file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // the field once, in manifest terms, then upstream's reason
    expect(r.stderr).toBe(`error: ${file}:1: Deployment shop/web: spec.template.spec.containers[0].resources.requests[cpu]: invalid quantity "1 core": `
      + 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'.\n');
  });

  test('fails with exit 2 naming the NodePool and field of a bad pool', () => {
    const r = run(['capacity', '--nodes', '-', fixture('fits')], {
      stdin: `apiVersion: capacity.cdk8s-appkit.io/v1alpha1\nkind: NodePool\nmetadata: { name: general }\nspec: { count: three, allocatable: { cpu: "4" } }\n`,
    });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: <stdin>:1: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got "three": write the number of nodes, e.g. count: 3.\n' });
  });

  test('fails with exit 2 on a Karpenter NodePool, saying why', () => {
    const file = fixture('bad', 'karpenter-pool.yaml');
    expect(run(['capacity', '--nodes', file, fixture('fits')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file}:1: NodePool default: apiVersion: expected capacity.cdk8s-appkit.io/v1alpha1, got "karpenter.sh/v1" (a Karpenter NodePool says how to provision nodes, not how many there are): describe the pool as apiVersion capacity.cdk8s-appkit.io/v1alpha1, kind NodePool.\n`,
    });
  });

  test('fails with exit 2 when a --nodes file holds workloads', () => {
    const file = fixture('fits', 'shop.yaml');
    expect(run(['capacity', '--nodes', file, file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file}:2: Namespace shop: a --nodes file holds Node and NodePool objects only, got kind "Namespace": pass workloads as arguments instead.\n`,
    });
  });

  test('fails with exit 2 when a --nodes file has no nodes', () => {
    expect(run(['capacity', '--nodes', '-', fixture('fits')], { stdin: '---\n' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: <stdin>: no Node or NodePool objects found: give `kubectl get nodes -o yaml` output or NodePool documents.\n',
    });
  });

  test('fails with exit 2 on a document that is not a Kubernetes object', () => {
    expect(run(['capacity', '--nodes', POOLS, '-'], { stdin: 'replicaCount: 3\n' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: <stdin>:1: apiVersion: missing (every object needs apiVersion and kind): add it, e.g. apiVersion: apps/v1.\n',
    });
  });

  test('prints the stack trace only with CDK8S_APPKIT_DEBUG=1', () => {
    const r = run(['capacity', '--nodes', 'nope.yaml', 'x.yaml'], { env: { CDK8S_APPKIT_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ManifestError: nope.yaml: cannot read: no such file or folder \(ENOENT\)\n\s+at /);
  });
});

describe('cdk8s-appkit capacity (verdict)', () => {
  test('exits 0 and prints the report when everything fits', () => {
    // GIVEN a folder with a Namespace, Service, HPA-scaled Deployment and a List
    // WHEN
    const r = run(['capacity', '--nodes', POOLS, fixture('fits')]);

    // THEN
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
    expect(r.stdout.startsWith('# Capacity report\n\n**Fits**: 9 pods placed on 4 nodes (3 usable by the pods: 1 tainted away) in 2 pools.\n')).toBe(true);
    expect(r.stdout).toContain('| shop/storefront | Deployment | 6 | HorizontalPodAutoscaler shop/storefront maxReplicas | +2 surge (maxSurge 25%) |');
    // each rollout is checked on its own, so the smaller Deployment's surge is budgeted too
    expect(r.stdout).toContain('| shop/worker | Deployment | 3 | spec.replicas | +1 surge (maxSurge 25%) |');
  });

  test('exits 1 and lists the scheduler messages when a pod does not fit', () => {
    // GIVEN 7 pods of 2 cpu for three 4-cpu nodes and a tainted GPU node
    const r = run(['capacity', '--nodes', POOLS, '--title', 'Capacity: batch', fixture('overcommitted', 'batch.yaml')]);

    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: the workloads do not fit: 1 failure, listed under "Failures" above.\n');
    expect(r.stdout).toContain('# Capacity: batch\n\n**Does not fit**: 1 failure, 1 pod not placed; 6 pods placed on 4 nodes (3 usable by the pods: 1 tainted away) in 2 pools.\n');
    expect(r.stdout).toContain('## Failures\n\n1. batch/crunch (Deployment, replica 7 of 7): 0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu.\n');
  });

  test('--format json prints the plan as stable JSON', () => {
    const argv = ['capacity', '--nodes', POOLS, '--format', 'json', fixture('overcommitted', 'batch.yaml')];
    const r = run(argv);

    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ version: 1, fits: false, settings: { headroom: 0, surge: 'each-rollout', missingRequests: 'error', namespace: 'default' } });
    expect(plan.unplaced.map((u: { pod: string }) => u.pod)).toEqual(['batch/crunch-7']);
    expect(plan.workloads[0].source).toEqual({ file: fixture('overcommitted', 'batch.yaml'), documentIndex: 0, line: 2 });
    expect(r.stdout).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect(run(argv).stdout).toBe(r.stdout);
  });

  test('reads Node objects from `kubectl get nodes -o yaml` and several --nodes files', () => {
    const kubectl = fixture('nodes', 'kubectl-nodes.yaml');
    const r = run(['capacity', '--nodes', kubectl, '--format', 'json', fixture('fits')]);
    const both = run(['capacity', '--nodes', kubectl, '--nodes', POOLS, '--format', 'json', fixture('fits')]);

    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.pools.map((p: { name: string; nodeCount: number }) => [p.name, p.nodeCount])).toEqual([['general', 2]]);
    expect(plan.pools[0].nodes[0].name).toBe('ip-10-0-1-10.eu-west-1.compute.internal');
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout).pools.reduce((n: number, p: { nodeCount: number }) => n + p.nodeCount, 0)).toBe(6);
  });

  test('reads manifests from stdin (helm template … | cdk8s-appkit capacity … -)', () => {
    const stdin = fs.readFileSync(path.join(FIXTURES, 'overcommitted', 'batch.yaml'), 'utf8');
    const r = run(['capacity', '--nodes', POOLS, '--format', 'json', '-'], { stdin });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).workloads[0].source).toEqual({ file: '<stdin>', documentIndex: 0, line: 2 });
  });

  test('--headroom k fails when losing the k largest nodes of a pool leaves pods unplaced', () => {
    const one = run(['capacity', '--nodes', POOLS, '--headroom', '1', fixture('fits')]);
    const two = run(['capacity', '--nodes', POOLS, '--headroom=2', fixture('fits')]);

    expect(one.code).toBe(0);
    expect(one.stdout).toContain('## Headroom (N+1)');
    expect(two.code).toBe(1);
    expect(two.stdout).toContain('1. headroom N+2: without general-3, general-2 (pool general), 2 pod(s) not placed; first: shop/worker (Deployment), replicas 2–3 of 3: 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.\n');
  });

  test('--missing-requests decides whether a container without requests fails', () => {
    const stdin = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web, namespace: shop }',
      'spec:', '  replicas: 1', '  selector: { matchLabels: { app: web } }',
      '  template:', '    metadata: { labels: { app: web } }', '    spec: { containers: [{ name: web, image: nginx }] }', '',
    ].join('\n');
    const strict = run(['capacity', '--nodes', POOLS, '-'], { stdin });
    const warn = run(['capacity', '--nodes', POOLS, '--missing-requests', 'warn', '-'], { stdin });
    const ignore = run(['capacity', '--nodes', POOLS, '--missing-requests', 'ignore', '--format', 'json', '-'], { stdin });

    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/## Failures\n\n1\. [^\n]*Deployment shop\/web[^\n]*\n/);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/## Problems\n\n\| severity \| object \| field \| problem \|\n\|:--\|:--\|:--\|:--\|\n\| warning \| Deployment shop\/web \(<stdin>:1\) \|/);
    expect(ignore.code).toBe(0);
    expect(JSON.parse(ignore.stdout).problems).toEqual([]);
  });

  test('--svg writes the utilisation picture', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-svg-'));
    const svg = path.join(dir, 'capacity.svg');
    const r = run(['capacity', '--nodes', POOLS, '--svg', svg, fixture('fits')]);

    expect(r.code).toBe(0);
    const text = fs.readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" /);
    // 4 nodes × (cpu, memory, pods)
    expect(text.match(/class="bg"/g)).toHaveLength(12);
  });

  test('fails with exit 2 when the SVG cannot be written', () => {
    const svg = path.join(os.tmpdir(), 'no-such-folder-cdk8s-appkit', 'capacity.svg');
    expect(run(['capacity', '--nodes', POOLS, '--svg', svg, fixture('fits')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${svg}: cannot write the SVG picture: no such file or folder (ENOENT).\n`,
    });
  });

  test('reads folders like kubectl: only the files inside unless --recursive', () => {
    // GIVEN a folder whose only workload is in a sub-folder
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-dir-'));
    fs.mkdirSync(path.join(dir, 'batch'));
    fs.copyFileSync(path.join(FIXTURES, 'overcommitted', 'batch.yaml'), path.join(dir, 'batch', 'batch.yaml'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest');

    // WHEN read without -R THEN bad input (issue 9: never a green "Fits: 0 pods")
    expect(run(['capacity', '--nodes', POOLS, dir])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: no manifest files found in ${dir}/: it holds only sub-folders (1), which are read with -R (--recursive).\n`,
    });
    expect(run(['capacity', '--nodes', POOLS, '-R', dir]).code).toBe(1);
  });

  test('--nodes folders are read like manifest folders, -R included (was: "no workloads found" for nodes, and -R ignored)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-nodes-'));
    fs.mkdirSync(path.join(dir, 'eu'));
    fs.copyFileSync(POOLS, path.join(dir, 'eu', 'pools.yaml'));
    expect(run(['capacity', '--nodes', dir, fixture('fits', 'shop.yaml')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: no manifest files found in ${dir}/: it holds only sub-folders (1), which are read with -R (--recursive).\n`,
    });
    expect(run(['capacity', '--nodes', dir, '-R', fixture('fits', 'shop.yaml')])).toMatchObject({ code: 0, stderr: '' });
  });
});
