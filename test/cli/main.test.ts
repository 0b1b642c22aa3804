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
    for (const option of ['--nodes <file>', '--headroom <k>', '--missing-requests <level>', '--surge <policy>', '--pool-label <label>', '--format <format>', '--svg <file>', '--title <text>', '-R, --recursive']) {
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
    [['--nodes', POOLS, '--format', 'yaml', 'x.yaml'], 'option --format must be one of text, markdown, json, got "yaml"'],
    [['--nodes', POOLS, '--missing-requests=maybe', 'x.yaml'], 'option --missing-requests must be one of error, warn, warning, ignore, got "maybe"'],
    [['--nodes', POOLS, '--surge', 'some', 'x.yaml'], 'option --surge must be one of none, largest-rollout, all-rollouts, got "some"'],
    [['--nodes', POOLS, '--headroom', '-1', 'x.yaml'], 'option --headroom must be a whole number of nodes ≥ 0, got "-1"'],
    [['--nodes', POOLS, '--headroom', '1.5', 'x.yaml'], 'option --headroom must be a whole number of nodes ≥ 0, got "1.5"'],
    [['--nodes'], 'option --nodes needs a value'],
    [['--nodes', '--headroom', '1', 'x.yaml'], 'option --nodes needs a value'],
    [['x.yaml'], '--nodes is required: give the Node objects or NodePool file the workloads must fit on'],
    [['--nodes', POOLS], 'no manifests given: pass YAML files or folders, or - to read stdin'],
    [['--nodes', '-', '-'], 'stdin (-) can be read only once'],
  ])('fails with exit 2 and the capacity usage line for capacity %j', (argv, message) => {
    expect(run(['capacity', ...argv])).toEqual({ code: 2, stdout: '', stderr: `error: ${message}\n${CAPACITY_USAGE}` });
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
    expect(run(['capacity', '--nodes', POOLS, file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} document 1: invalid YAML: Nested mappings are not allowed in compact mappings at line 9, column 9.\n`,
    });
  });

  test('fails with exit 2 on invalid YAML read from stdin', () => {
    expect(run(['capacity', '--nodes', POOLS, '-'], { stdin: 'kind: [' })).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^error: <stdin> document 0: invalid YAML: .* at line 1, column 8\.\n$/),
    });
  });

  test('fails with exit 2 naming the NodePool and field of a bad pool', () => {
    const r = run(['capacity', '--nodes', '-', fixture('fits')], {
      stdin: `apiVersion: cdk8s-appkit.io/v1alpha1\nkind: NodePool\nmetadata: { name: general }\nspec: { count: three, allocatable: { cpu: "4" } }\n`,
    });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: <stdin> document 0: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got "three".\n' });
  });

  test('fails with exit 2 on a Karpenter NodePool, saying why', () => {
    const file = fixture('bad', 'karpenter-pool.yaml');
    expect(run(['capacity', '--nodes', file, fixture('fits')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} document 0: NodePool default: apiVersion: expected cdk8s-appkit.io/v1alpha1, got "karpenter.sh/v1" (a Karpenter NodePool says how to provision nodes, not how many there are): describe the pool as apiVersion cdk8s-appkit.io/v1alpha1, kind NodePool.\n`,
    });
  });

  test('fails with exit 2 when a --nodes file holds workloads', () => {
    const file = fixture('fits', 'shop.yaml');
    expect(run(['capacity', '--nodes', file, file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} document 0: Namespace shop: a --nodes file holds Node and NodePool objects only, got kind "Namespace": pass workloads as arguments instead.\n`,
    });
  });

  test('fails with exit 2 when a --nodes file has no nodes', () => {
    expect(run(['capacity', '--nodes', '-', fixture('fits')], { stdin: '---\n' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: -: no Node or NodePool objects found: give `kubectl get nodes -o yaml` output or NodePool documents.\n',
    });
  });

  test('fails with exit 2 on a document that is not a Kubernetes object', () => {
    expect(run(['capacity', '--nodes', POOLS, '-'], { stdin: 'replicaCount: 3\n' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: <stdin> document 0: not a Kubernetes object: expected a mapping with apiVersion and kind.\n',
    });
  });

  test('prints the stack trace only with CDK8S_APPKIT_DEBUG=1', () => {
    const r = run(['capacity', '--nodes', 'nope.yaml', 'x.yaml'], { env: { CDK8S_APPKIT_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ManifestError: nope.yaml: cannot read: no such file or folder \(ENOENT\)\n\s+at /);
  });
});
