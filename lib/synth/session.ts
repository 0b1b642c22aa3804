import { IConstruct } from 'constructs';

// A synth session is one `AppkitApp.synth()` call. cdk8s runs app-wide validation once per
// chart when it synthesizes through `chart.toJson()`; within a session every validation
// shares one memo, so manifests are resolved and checks computed once per synth. Outside a
// session (plain `App.synth()`, `Testing.synth()`) nothing is cached, so a test that edits
// the tree between two synths always sees fresh results.
const sessions = new WeakMap<IConstruct, Map<string, Map<unknown, unknown>>>();

export class SynthSession {
  /** Runs `fn` with one memo shared by everything that synthesizes `root`'s tree. */
  public static run<T>(root: IConstruct, fn: () => T): T {
    if (sessions.has(root)) {
      return fn();
    }
    sessions.set(root, new Map());
    try {
      return fn();
    } finally {
      sessions.delete(root);
    }
  }

  /** True while `scope`'s tree is being synthesized by `SynthSession.run`. */
  public static isActive(scope: IConstruct): boolean {
    return sessions.has(scope.node.root);
  }

  /**
   * `compute()` once per session for (`kind`, `key`); without a session, every call computes.
   * @param kind what is cached, e.g. 'resolved-json'
   * @param key the object it is cached for, e.g. an ApiObject or a construct
   */
  public static memo<T>(scope: IConstruct, kind: string, key: unknown, compute: () => T): T {
    const session = sessions.get(scope.node.root);
    if (!session) {
      return compute();
    }
    let entries = session.get(kind);
    if (!entries) {
      entries = new Map();
      session.set(kind, entries);
    }
    if (!entries.has(key)) {
      entries.set(key, compute());
    }
    return entries.get(key) as T;
  }
}
