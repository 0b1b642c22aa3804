// A construct outside any Environment that writes its charts into a folder of its own, e.g.
// `GitOps` → `dist/gitops/` (with its own kustomization.yaml), read by the AppkitApp layout.
import { IConstruct } from 'constructs';

const OUTPUT_FOLDER = Symbol.for('cdk8s-appkit.output-folder');

interface WithOutputFolder {
  [OUTPUT_FOLDER]?: string;
}

export class OutputFolder {
  /** Makes every chart under `scope` write to `dist/<folder>/`. */
  public static set(scope: IConstruct, folder: string): void {
    Object.defineProperty(scope, OUTPUT_FOLDER, { value: folder, enumerable: false });
  }

  /** The folder set on `scope` or its closest scope that has one, or undefined. */
  public static of(scope: IConstruct): string | undefined {
    for (const s of [...scope.node.scopes].reverse()) {
      const folder = (s as WithOutputFolder)[OUTPUT_FOLDER];
      if (folder !== undefined) {
        return folder;
      }
    }
    return undefined;
  }
}
