// The public surface: package.json `exports` / `typesVersions`, the chosen root and capacity
// export lists, and no name shared with cdk8s-plus-27 (values or types).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The documented root list (README "Public API"); a change here is an API change. */
const ROOT_VALUES = [
  'AppChart', 'AppkitApp', 'AutoscalingPolicy', 'AutoscalingTarget', 'AutoscalingTargetType',
  'CapacityCheck', 'CertManagerIssuer', 'Cluster', 'Component', 'Environment', 'ExternalKind',
  'ExternalSecret', 'ExternalSecretApiVersion', 'GitOps', 'GitOpsTool', 'GuardrailPolicy', 'Guardrails',
  'Headroom', 'HeadroomKind', 'HealthCheck', 'HealthCheckType', 'IngressPathType', 'Metrics', 'Migration', 'MissingRequestsLevel', 'Mount',
  'MountKind', 'NamespaceScheme', 'NodeAffinity', 'NodeAffinityKind', 'NodeSelectorOperator', 'Peer',
  'PeerType', 'ResourcePreset', 'Resources', 'Rollout', 'RolloutType', 'Rule', 'RuleLevel', 'ScalingMetric',
  'ScalingMetricType', 'ScalingSelectPolicy', 'ScheduledTask', 'SecretRef', 'SecretStoreKind',
  'StatefulService', 'SurgePolicy', 'WebService', 'Worker', 'capacityMatchers', 'checkManifests',
  'formatFinding', 'nodeFits', 'parseQuantity', 'planCapacity', 'podRequests',
];
const CAPACITY_VALUES = [
  'Headroom', 'HeadroomKind', 'InvalidQuantityError', 'ManifestError', 'MissingRequestsLevel', 'ProblemSeverity', 'Quantity', 'QuantityFormat',
  'SurgePolicy', 'loadManifestFiles', 'nodeFits', 'parseManifests', 'parseQuantity', 'planCapacity', 'podRequests',
  'readNodeInputs', 'renderCapacityMarkdown', 'renderCapacitySvg',
];

/**
 * One compiler host for the three programs below: each source file (the library, cdk8s-plus-27's
 * 900 kB of declarations, @types/node) is parsed once rather than once per program.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();
function sharedHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const version = typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion;
    const impliedFormat = typeof languageVersion === 'object' ? languageVersion.impliedNodeFormat : undefined;
    const key = `${version}\0${impliedFormat}\0${fileName}`;
    if (!parsed.has(key)) parsed.set(key, read(fileName, languageVersion, onError, shouldCreate));
    return parsed.get(key);
  };
  return host;
}

/** Every exported name (values and types) of a module, by the type checker. */
function exportedNames(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`not in program: ${file}`);
  const symbol = checker.getSymbolAtLocation(source);
  return symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()).sort() : [];
}

describe('package.json exports', () => {
  test('maps ., ./capacity, ./register and ./package.json to files the package ships', () => {
    expect(pkg.exports).toEqual({
      '.': { types: './build/lib/index.d.ts', default: './build/lib/index.js' },
      './capacity': { types: './build/lib/capacity-api.d.ts', default: './build/lib/capacity-api.js' },
      './register': { types: './bin/ts-register.d.ts', default: './bin/ts-register.js' },
      './package.json': './package.json',
    });
    expect(pkg.typesVersions).toEqual({ '*': { capacity: ['build/lib/capacity-api.d.ts'], register: ['bin/ts-register.d.ts'] } });
    expect(pkg.files).toEqual(expect.arrayContaining(['build/lib', 'bin']));
    expect(fs.existsSync(path.join(ROOT, 'bin', 'ts-register.d.ts'))).toBe(true);
  });
});

describe('export lists', () => {
  test('the root exports the chosen values and nothing else', () => {
    expect(Object.keys(require('../../lib')).sort()).toEqual([...ROOT_VALUES].sort());
  });

  test('the capacity entry exports the chosen values and nothing else', () => {
    expect(Object.keys(require('../../lib/capacity-api')).sort()).toEqual([...CAPACITY_VALUES].sort());
  });

  test('no root export shares a name with a cdk8s-plus-27 export (values and types)', () => {
    const plusValues = new Set(Object.keys(require('cdk8s-plus-27')));
    expect(ROOT_VALUES.filter((n) => plusValues.has(n))).toEqual([]);
    const plusDts = require.resolve('cdk8s-plus-27/lib/index.d.ts');
    const ours = [path.join(ROOT, 'lib', 'index.ts'), path.join(ROOT, 'lib', 'capacity-api.ts')];
    const options = { noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022 };
    const program = ts.createProgram([plusDts, ...ours], options, sharedHost(options));
    const plus = new Set(exportedNames(program, plusDts));
    expect(plus.size).toBeGreaterThan(100);
    for (const file of ours) expect(exportedNames(program, file).filter((n) => plus.has(n))).toEqual([]);
  });
});

describe('types: a consumer compiles against the exports map', () => {
  // A throw-away node_modules/cdk8s-appkit whose package.json is ours with build/lib/*.js|d.ts
  // pointing at the lib/*.ts sources, so the map itself is what resolves.
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-types-'));
    const pkgDir = path.join(dir, 'node_modules', 'cdk8s-appkit');
    fs.mkdirSync(pkgDir, { recursive: true });
    const mapped = JSON.parse(JSON.stringify(pkg).replace(/build\/lib\/([\w-]+)\.(?:d\.ts|js)/g, 'lib/$1.ts'));
    fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(mapped));
    fs.symlinkSync(path.join(ROOT, 'lib'), path.join(pkgDir, 'lib'), 'dir');
    fs.symlinkSync(path.join(ROOT, 'bin'), path.join(pkgDir, 'bin'), 'dir');
    for (const dep of ['cdk8s', 'cdk8s-plus-27', 'constructs', 'yaml', 'ajv', '@types']) {
      fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(dir, 'node_modules', dep), 'dir');
    }
    fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'types-consumer', 'index.ts'), path.join(dir, 'index.ts'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['node10 (moduleResolution node, typesVersions)', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }],
    ['node16 (exports)', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
  ])('%s', (_name, resolution) => {
    const options = { ...resolution, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: ['node'], esModuleInterop: true };
    const program = ts.createProgram([path.join(dir, 'index.ts')], options, sharedHost(options));
    // The consumer's own file (and the options): the library's sources are type-checked by
    // `tsc --noEmit`, and an installed package gives declarations, which a consumer never checks.
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(path.join(dir, 'index.ts'))).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
