// The README's architecture section is checked against the real imports of lib/: the folder
// graph in its machine-readable block must equal the graph computed here, and the arrows the
// design forbids must not exist (directly or transitively).
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib');
const PACKAGES = ['cdk8s', 'cdk8s-plus-27', 'constructs', 'ajv', 'yaml'];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** lib/<folder>/… → folder; lib/index.ts and lib/capacity-api.ts → (index), (capacity-api). */
function unitOf(file: string): string {
  const rel = path.relative(LIB, file).split(path.sep);
  if (rel[0] === '..') return `../${rel[1]}`; // outside lib/: the generated imports/
  return rel.length === 1 ? `(${rel[0].replace(/\.ts$/, '')})` : rel[0];
}

/** file → the lib files and packages it imports (type-only imports included). */
function fileGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of tsFiles(LIB)) {
    const deps = new Set<string>();
    graph.set(file, deps);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import|require\()\s*'([^']+)'/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        deps.add(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (PACKAGES.includes(pkg)) deps.add(pkg);
      }
    }
  }
  return graph;
}

/** The folder graph: unit → the units and packages its files import. */
function unitGraph(files: Map<string, Set<string>>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [file, deps] of files) {
    const from = unitOf(file);
    const out = graph.get(from) ?? new Set<string>();
    graph.set(from, out);
    for (const d of deps) {
      const to = PACKAGES.includes(d) ? d : unitOf(d);
      if (to !== from) out.add(to);
    }
  }
  return graph;
}

/** Packages reached from the files of `unit`, following file-level imports. */
function packagesReached(files: Map<string, Set<string>>, unit: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...files.keys()].filter((f) => unitOf(f) === unit);
  todo.forEach((f) => seen.add(f));
  while (todo.length > 0) {
    const u = todo.pop()!;
    for (const v of files.get(u) ?? []) if (!seen.has(v)) { seen.add(v); if (!PACKAGES.includes(v)) todo.push(v); }
  }
  return new Set([...seen].filter((v) => PACKAGES.includes(v)));
}

function readmeGraph(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- imports:begin[^>]*-->\s*```text\n([\s\S]*?)```\s*<!-- imports:end -->/.exec(readme);
  if (!m) throw new Error('README.md has no <!-- imports:begin --> block');
  return m[1].trim().split('\n');
}

const files = fileGraph();
const graph = unitGraph(files);
const lines = [...graph.keys()].sort().map((u) => `${u} → ${[...graph.get(u)!].sort().join(', ') || '(nothing)'}`);

test('README architecture block lists the real imports of lib/, folder by folder', () => {
  // When this fails after a change of imports, paste the received lines into README.md.
  expect(readmeGraph()).toEqual(lines);
});

describe('forbidden arrows', () => {
  test.each(['scheduler', 'manifests', 'kubernetes', 'cli', '(capacity-api)'])('%s reaches no cdk8s, cdk8s-plus-27, constructs or ajv, following its files\' imports', (unit) => {
    const reached = packagesReached(files, unit);
    expect(['cdk8s', 'cdk8s-plus-27', 'constructs', 'ajv'].filter((p) => reached.has(p))).toEqual([]);
  });

  test('kubernetes/ (the upstream ports) imports no other folder of lib/', () => {
    expect([...graph.get('kubernetes')!].filter((d) => !PACKAGES.includes(d))).toEqual([]);
  });

  test('capacity/ does not import app/ (it reads the environment name by symbol)', () => {
    expect(graph.get('capacity')!.has('app')).toBe(false);
  });

  test('guardrails/ imports neither app/ nor capacity/', () => {
    expect([...graph.get('guardrails')!].filter((d) => d === 'app' || d === 'capacity')).toEqual([]);
  });
});

describe('one port per upstream rule', () => {
  /** `function <name>` and `const <name> = (…) =>` definitions of a file. */
  function definedFunctions(file: string): string[] {
    const source = fs.readFileSync(file, 'utf8');
    return [...source.matchAll(/^(?:export )?(?:async )?function\s+(\w+)|^(?:export )?const\s+(\w+)\s*=\s*(?:\([^)]*\)|\w+)\s*=>/gm)].map((m) => m[1] ?? m[2]);
  }

  test('no file outside kubernetes/ defines a function named like an exported port of kubernetes/', () => {
    const ports = new Set<string>();
    // kubernetes/private/ holds JSON helpers, not ports.
    for (const file of tsFiles(path.join(LIB, 'kubernetes')).filter((f) => !f.includes(`${path.sep}private${path.sep}`))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/^export function\s+(\w+)/gm)) ports.add(m[1]);
    }
    const copies = tsFiles(LIB)
      .filter((f) => unitOf(f) !== 'kubernetes')
      .flatMap((f) => definedFunctions(f).filter((n) => ports.has(n)).map((n) => `${path.relative(ROOT, f)}: ${n}`));
    // Import the port from lib/kubernetes instead of writing a second copy that can drift.
    expect(copies).toEqual([]);
  });
});
