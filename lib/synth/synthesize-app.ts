import { Chart, DependencyGraph, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { SynthArtifacts } from './artifacts';
import { OutputFile, recoverOutdir, replaceDirAtomically } from './atomic-dir';
import { resolveDependencies } from './dependencies';
import { resolvedManifest } from './collect';
import { chartApiObjects, renderChartYaml } from './render';
import { SynthSession } from './session';
import { SynthError } from './synth-error';
import { TreeIndex } from './tree-index';
import { validateConstructs } from './validate';
import { SynthWarnings } from './warnings';

/** Where each chart and artifact goes inside the output folder. */
export interface SynthLayout {
  /**
   * The folder (one path segment) for a construct's files, or '' for the top of the output
   * folder. Every folder other than the top gets a `kustomization.yaml`.
   */
  folderOf(scope: IConstruct): string;
  /** The chart's file name without extension, e.g. `shop` for `shop.k8s.yaml`. */
  fileNameOf(chart: Chart): string;
}

export interface SynthesizeAppOptions {
  readonly outdir: string;
  /** Extension of chart files, e.g. `.k8s.yaml`. */
  readonly outputFileExtension: string;
  readonly layout: SynthLayout;
}

/** What a synth wrote. */
export interface SynthResult {
  /** The output folder, as given. */
  readonly outdir: string;
  /** Every file written, relative to `outdir`, `/`-separated, sorted. */
  readonly files: readonly string[];
  /** The warnings printed, `[path] message`. */
  readonly warnings: readonly string[];
}

const KUSTOMIZATION_FILE = 'kustomization.yaml';

// A portable path segment: no separators, no `..`, no spaces; the same on every OS.
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Synthesizes the whole app in one session: dependencies resolved once, every construct
 * validated once, every object resolved once, every file built in memory, then the output
 * folder replaced atomically. Nothing is written when anything fails.
 */
export function synthesizeApp(root: IConstruct, options: SynthesizeAppOptions): SynthResult {
  // First of all, repair what a synth killed between its two renames left (outdir missing),
  // so that even a synth that then fails validation leaves the previous output in place.
  try {
    recoverOutdir(options.outdir);
  } catch (e) {
    throw new SynthError(`Cannot recover ${options.outdir}/ after an interrupted synth: ${e instanceof Error ? e.message : String(e)}.`);
  }
  return SynthSession.run(root, () => {
    try {
      const files = buildFiles(root, options);
      replaceDirAtomically(options.outdir, files);
      return {
        outdir: options.outdir,
        files: files.map((f) => f.path).sort(compare),
        warnings: SynthWarnings.collected(root),
      };
    } finally {
      printWarnings(SynthWarnings.collected(root));
    }
  });
}

/** Everything `synthesizeApp` would write, in memory, without touching the disk. */
export function buildFiles(root: IConstruct, options: SynthesizeAppOptions): OutputFile[] {
  return SynthSession.run(root, () => {
    const index = prepare(root);
    const files = new OutputFiles();
    for (const chart of index.all.filter(Chart.isChart)) {
      const folder = checkedFolder(options.layout.folderOf(chart), chart);
      const name = checkedSegment(options.layout.fileNameOf(chart), chart, 'chart file name');
      const content = renderChartYaml(chart, index);
      files.add(join(folder, `${name}${options.outputFileExtension}`), content, chart);
    }
    for (const scope of index.all) {
      for (const artifact of SynthArtifacts.of(scope)) {
        const folder = checkedFolder(options.layout.folderOf(scope), scope);
        const data = artifact.render();
        files.add(join(folder, artifact.fileName), typeof data === 'string' ? toLf(data) : data, scope);
      }
    }
    for (const [folder, resources] of files.yamlByFolder(options.outputFileExtension)) {
      if (folder !== '') {
        files.add(join(folder, KUSTOMIZATION_FILE), kustomizationYaml(resources), root);
      }
    }
    return files.list();
  });
}

/**
 * All charts as one YAML stream (what cdk8s's `app.synthYaml()` returns), charts in
 * dependency order, validated once.
 */
export function synthesizeYaml(root: IConstruct): string {
  return SynthSession.run(root, () => {
    try {
      const index = prepare(root);
      const charts = new DependencyGraph(root.node).topology().filter(Chart.isChart);
      return Yaml.stringify(...charts.flatMap((c) => chartApiObjects(c, index).map(resolvedManifest)));
    } finally {
      printWarnings(SynthWarnings.collected(root));
    }
  });
}

/** Resolves dependencies and validates the tree, once: what cdk8s repeats per chart. */
function prepare(root: IConstruct): TreeIndex {
  const index = new TreeIndex(root);
  resolveDependencies(index);
  validateConstructs(index.all);
  return index;
}

/** The `kustomization.yaml` that lets `kubectl kustomize dist/<env>` build the folder. */
export function kustomizationYaml(resources: readonly string[]): string {
  return '# Generated by cdk8s-appkit: lists the manifests of this folder. Do not edit.\n' + Yaml.stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resources].sort(compare),
  });
}

class OutputFiles {
  private readonly byKey = new Map<string, { file: OutputFile; owner: IConstruct }>();

  public add(filePath: string, data: string | Uint8Array, owner: IConstruct): void {
    // Case-insensitive: `Shop.k8s.yaml` and `shop.k8s.yaml` would be one file on macOS/Windows.
    const key = filePath.toLowerCase();
    const existing = this.byKey.get(key);
    if (existing) {
      throw new SynthError(`[${owner.node.path}] would write ${filePath}, which [${existing.owner.node.path}] already writes: give one of them another name.`);
    }
    this.byKey.set(key, { file: { path: filePath, data }, owner });
  }

  public yamlByFolder(extension: string): Map<string, string[]> {
    const folders = new Map<string, string[]>();
    for (const { file } of this.byKey.values()) {
      if (!file.path.endsWith(extension)) {
        continue;
      }
      const slash = file.path.lastIndexOf('/');
      const folder = slash < 0 ? '' : file.path.slice(0, slash);
      folders.set(folder, [...folders.get(folder) ?? [], file.path.slice(slash + 1)]);
    }
    return folders;
  }

  public list(): OutputFile[] {
    return [...this.byKey.values()].map((e) => e.file).sort((a, b) => compare(a.path, b.path));
  }
}

function checkedFolder(folder: string, scope: IConstruct): string {
  return folder === '' ? '' : checkedSegment(folder, scope, 'folder name');
}

function checkedSegment(segment: string, scope: IConstruct, what: string): string {
  if (!SAFE_SEGMENT.test(segment)) {
    throw new SynthError(`[${scope.node.path}] ${what} must start with a letter or digit and hold only letters, digits, '.', '_' or '-', got ${JSON.stringify(segment)}: rename the construct.`);
  }
  return segment;
}

function join(folder: string, file: string): string {
  return folder === '' ? file : `${folder}/${file}`;
}

function toLf(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

function printWarnings(warnings: readonly string[]): void {
  for (const w of warnings) {
    process.stderr.write(`warning: ${w}\n`);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
