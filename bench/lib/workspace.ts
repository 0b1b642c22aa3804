// The bench's scratch space, `.bench/` in the repo (gitignored): generated apps, their outdirs,
// the precompiled library (tsc into .bench/build, same depth as build/), the capacity set.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { stringify } from 'yaml';
import { appkitAppSource } from '../generators/appkit-app';
import { capacitySet } from '../generators/capacity-set';
import { CDK8S_TEMPLATE_TSCONFIG, plainAppSource } from '../generators/plain-app';
import { AppSpec, systemSpec } from '../generators/spec';

export enum Variant {
  /** cdk8s-appkit with Guardrails and a CapacityCheck per environment, like the repo's main.ts. */
  APPKIT = 'appkit',
  /** cdk8s-appkit with Guardrails, without CapacityCheck (in process only: what the check costs). */
  APPKIT_NO_CAPACITY = 'appkit-nocap',
  /** cdk8s-appkit constructs only: no Guardrails, no CapacityCheck (in process only). */
  APPKIT_CONSTRUCTS = 'appkit-constructs',
  /** Plain cdk8s-plus-27. */
  PLAIN = 'plain',
}

export interface GeneratedApp {
  readonly variant: Variant;
  readonly size: number;
  readonly spec: AppSpec[];
  readonly dir: string;
  /** TypeScript entry. */
  readonly main: string;
  /** Precompiled JavaScript entry (appkit variants import the compiled library). */
  readonly mainJs: string;
}

export interface CompileResult {
  readonly ok: boolean;
  readonly wallMs: number;
  /** tsc's diagnostics when it exited non-zero (JavaScript is emitted anyway). */
  readonly diagnostics: string;
}

export class Workspace {
  public readonly root: string;
  public readonly buildDir: string;
  private compiled?: CompileResult;

  constructor(public readonly repoRoot: string) {
    this.root = path.join(repoRoot, '.bench');
    this.buildDir = path.join(this.root, 'build');
    fs.mkdirSync(this.root, { recursive: true });
  }

  /** A fresh (removed) output folder for one measured command. */
  public outdir(name: string): string {
    const dir = path.join(this.root, 'out', name);
    fs.rmSync(dir, { recursive: true, force: true });
    return dir;
  }

  /** Writes the generated app of one variant and size (TypeScript and precompiled JavaScript). */
  public generateApp(variant: Variant, size: number): GeneratedApp {
    const spec = systemSpec(size);
    const dir = path.join(this.root, 'apps', `${variant}-${size}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const main = path.join(dir, 'main.ts');
    const mainJs = path.join(dir, 'main.js');
    if (variant === Variant.PLAIN) {
      const source = plainAppSource(spec);
      fs.writeFileSync(main, source);
      fs.writeFileSync(mainJs, transpile(source));
      // The cdk8s project template's tsconfig, so `npx ts-node main.ts` checks as a new project does.
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(CDK8S_TEMPLATE_TSCONFIG, null, 2)}\n`);
    } else {
      const checks = { capacityCheck: variant === Variant.APPKIT, guardrails: variant !== Variant.APPKIT_CONSTRUCTS };
      fs.writeFileSync(main, appkitAppSource(spec, { libImport: path.join(this.repoRoot, 'lib', 'index'), ...checks }));
      fs.writeFileSync(mainJs, transpile(appkitAppSource(spec, { libImport: path.join(this.buildDir, 'lib', 'index'), ...checks })));
    }
    return { variant, size, spec, dir, main, mainJs };
  }

  /**
   * Compiles main.ts (when present), lib/ and imports/ with tsc into .bench/build once per run,
   * like `npm run build` does into build/. Also copies bin/ so the CLI runs as installed.
   */
  public compile(log?: (message: string) => void): CompileResult {
    if (this.compiled) {
      return this.compiled;
    }
    log?.('tsc: compiling lib/ (and main.ts) into .bench/build');
    const include = ['../lib/**/*.ts', '../imports/**/*.ts'];
    if (fs.existsSync(path.join(this.repoRoot, 'main.ts'))) {
      include.unshift('../main.ts');
    }
    const tsconfig = this.precompiledTsconfig;
    fs.writeFileSync(tsconfig, `${JSON.stringify({
      extends: '../tsconfig.build.json',
      compilerOptions: { outDir: 'build', rootDir: '..', declaration: false },
      include,
      exclude: ['../node_modules', '../build', '../dist', '../test', '../bench', '../.bench'],
    }, null, 2)}\n`);
    fs.rmSync(this.buildDir, { recursive: true, force: true });
    const start = process.hrtime.bigint();
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig], {
      cwd: this.repoRoot, encoding: 'utf8',
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const emitted = fs.existsSync(path.join(this.buildDir, 'lib', 'index.js'));
    fs.mkdirSync(path.join(this.root, 'bin'), { recursive: true });
    fs.copyFileSync(path.join(this.repoRoot, 'bin', 'cdk8s-appkit.js'), path.join(this.root, 'bin', 'cdk8s-appkit.js'));
    this.compiled = {
      ok: emitted,
      wallMs,
      diagnostics: tsc.status === 0 ? '' : `${tsc.stdout}${tsc.stderr}`.trim().split('\n').slice(0, 10).join('\n'),
    };
    return this.compiled;
  }

  /** The tsconfig `compile()` writes and uses. */
  public get precompiledTsconfig(): string {
    return path.join(this.root, 'tsconfig.precompiled.json');
  }

  /** The CLI as `npx cdk8s-appkit` runs it from a packed package: bin/ → compiled lib/cli. */
  public get cliBin(): string {
    return path.join(this.root, 'bin', 'cdk8s-appkit.js');
  }

  /** Writes the capacity set (1,000 Node objects, 500 Deployments) as two YAML files. */
  public writeCapacitySet(): { nodesFile: string; workloadsFile: string; pods: number; nodes: number; deployments: number } {
    const set = capacitySet();
    const dir = path.join(this.root, 'capacity');
    fs.mkdirSync(dir, { recursive: true });
    const nodesFile = path.join(dir, 'nodes.yaml');
    const workloadsFile = path.join(dir, 'deployments.yaml');
    fs.writeFileSync(nodesFile, set.nodes.map((n) => stringify(n)).join('---\n'));
    fs.writeFileSync(workloadsFile, set.deployments.map((d) => stringify(d)).join('---\n'));
    return { nodesFile, workloadsFile, pods: set.pods, nodes: set.nodes.length, deployments: set.deployments.length };
  }
}

/** Kubernetes objects by kind in the `*.k8s.yaml` files under `dir` (top-level `kind:` lines). */
export function countObjects(dir: string): { kinds: Record<string, number>; total: number; bytes: number } {
  const kinds: Record<string, number> = {};
  let total = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(p);
      } else if (entry.name.endsWith('.k8s.yaml')) {
        const text = fs.readFileSync(p, 'utf8');
        bytes += text.length;
        for (const m of text.matchAll(/^kind: (\S+)$/gm)) {
          kinds[m[1]] = (kinds[m[1]] ?? 0) + 1;
          total++;
        }
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return { kinds, total, bytes };
}

/** Differences between two kind counts, e.g. `Service: 12 ≠ 10`; empty when equal. */
export function diffCounts(actual: Record<string, number>, expected: Record<string, number>): string[] {
  const kinds = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  return kinds.filter((k) => (actual[k] ?? 0) !== (expected[k] ?? 0)).map((k) => `${k}: ${actual[k] ?? 0} ≠ ${expected[k] ?? 0} expected`);
}

function transpile(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}
