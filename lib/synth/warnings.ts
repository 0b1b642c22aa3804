import { IConstruct } from 'constructs';
import { SynthSession } from './session';

// Outside a session (plain `App.synth()`, `Testing.synth()`), cdk8s validates once per chart,
// so the same warning would print once per chart: remember what each tree already printed.
const printedOutsideSession = new WeakMap<IConstruct, Set<string>>();

/**
 * Warnings found while synthesizing (e.g. a guardrail a user lowered to a warning). They never
 * fail synth. Each distinct `[path] message` is kept once per synth and printed to stderr
 * once, as `warning: [path] message`, when `AppkitApp.synth()` finishes or fails.
 */
export class SynthWarnings {
  /**
   * Reports a warning about `scope`. Call it from a validation (`node.addValidation`).
   * @param message one sentence: what is wrong, the value, the fix
   */
  public static report(scope: IConstruct, message: string): void {
    const line = `[${scope.node.path}] ${message}`;
    if (SynthSession.isActive(scope)) {
      sessionWarnings(scope).add(line);
      return;
    }
    const root = scope.node.root;
    let printed = printedOutsideSession.get(root);
    if (!printed) {
      printed = new Set();
      printedOutsideSession.set(root, printed);
    }
    if (!printed.has(line)) {
      printed.add(line);
      process.stderr.write(`warning: ${line}\n`);
    }
  }

  /** The warnings reported so far in the active synth of `scope`'s tree, in report order. */
  public static collected(scope: IConstruct): string[] {
    return SynthSession.isActive(scope) ? [...sessionWarnings(scope)] : [];
  }
}

function sessionWarnings(scope: IConstruct): Set<string> {
  const root = scope.node.root;
  return SynthSession.memo(root, 'synth-warnings', root, () => new Set<string>());
}
