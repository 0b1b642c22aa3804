import { App, AppProps, Chart, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { OutputFolder } from '../synth/output-folder';
import { SynthLayout, SynthResult, synthesizeApp, synthesizeYaml } from '../synth/synthesize-app';
import { Environment } from './environment';

export interface AppkitAppProps extends AppProps {}

/**
 * A chart that names its own file (`appName: 'shop'` → `shop.k8s.yaml`), duck-typed so any
 * chart can. An `AppChart` is named by its `name`; any other chart by its construct id.
 */
export interface INamedChart {
  readonly appName: string;
}

/**
 * A cdk8s `App` that writes GitOps-ready output:
 * ```
 * dist/<env>/<app-name>.k8s.yaml    one file per chart of an Environment
 * dist/<env>/kustomization.yaml     lists them, for `kubectl kustomize dist/<env>`
 * dist/<env>/capacity.md …          artifacts (SynthArtifacts), never .yaml/.json
 * dist/gitops/…                      the GitOps bootstrap objects (a folder of their own)
 * dist/<chart-id>.k8s.yaml          charts outside any Environment
 * ```
 * Unlike `App.synth()`, validation runs once per synth (not once per chart), output bytes
 * depend only on the app, and `dist/` is replaced atomically: on any error the previous
 * `dist/` is left untouched.
 */
export class AppkitApp extends App {
  /**
   * Runs `main` (which builds the app and calls `synth()`) as the program's entry point: an
   * error prints as `error: <message>` on stderr, without a stack trace (set
   * `CDK8S_APPKIT_DEBUG=1` to get it), and the exit code becomes 1.
   */
  public static run(main: () => void | Promise<void>): void {
    try {
      const result = main();
      if (result && typeof result.then === 'function') {
        result.then(undefined, reportFailure);
      }
    } catch (e) {
      reportFailure(e);
    }
  }

  constructor(props: AppkitAppProps = {}) {
    if (props.yamlOutputType !== undefined && props.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
      throw new Error(`[AppkitApp] yamlOutputType must be FILE_PER_CHART, got ${YamlOutputType[props.yamlOutputType]}: AppkitApp writes one file per chart under dist/<environment>/; leave yamlOutputType unset`);
    }
    if (props.outputFileExtension !== undefined && !/^(\.[A-Za-z0-9_-]+)*\.ya?ml$/.test(props.outputFileExtension)) {
      throw new Error(`[AppkitApp] outputFileExtension must end in .yaml or .yml, got ${JSON.stringify(props.outputFileExtension)}: kustomize and GitOps tools only read YAML files; leave it unset for .k8s.yaml`);
    }
    super(props);
  }

  /**
   * Validates the app once and replaces `outdir` atomically with its manifests, one
   * `kustomization.yaml` per environment and the artifacts constructs added.
   * @throws on any validation or write error, leaving `outdir` untouched
   */
  public synth(): SynthResult {
    return synthesizeApp(this, {
      outdir: this.outdir,
      outputFileExtension: this.outputFileExtension,
      layout: APPKIT_LAYOUT,
    });
  }

  /** All charts as one YAML stream, validated once (cdk8s's `synthYaml()`, without writing). */
  public synthYaml(): string {
    return synthesizeYaml(this);
  }

  /** `synth()` for a program's entry point: see `AppkitApp.run`. */
  public synthOrExit(): void {
    AppkitApp.run(() => {
      this.synth();
    });
  }
}

// AppChart's marker (lib/app/app-chart.ts), read by symbol so this file does not load it.
const APP_CHART_SYMBOL = Symbol.for('cdk8s-appkit.AppChart');

const APPKIT_LAYOUT: SynthLayout = {
  folderOf: (scope: IConstruct) => Environment.of(scope)?.name ?? OutputFolder.of(scope) ?? '',
  fileNameOf: (chart: Chart) => {
    const named = chart as Partial<INamedChart> & { readonly name?: unknown };
    if (typeof named.appName === 'string') {
      return named.appName;
    }
    if (APP_CHART_SYMBOL in chart && typeof named.name === 'string') {
      return named.name; // an AppChart: `shop` → shop.k8s.yaml
    }
    return chart.node.id;
  },
};

function reportFailure(e: unknown): void {
  const debug = process.env.CDK8S_APPKIT_DEBUG === '1';
  const message = e instanceof Error ? (debug && e.stack ? e.stack : e.message) : String(e);
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = 1;
}
