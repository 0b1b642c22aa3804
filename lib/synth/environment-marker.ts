// Which environment a construct belongs to, readable by symbol without importing lib/app (and
// with it guardrails and ajv): the CapacityCheck construct needs only the name for its report
// title. Environment marks itself in its constructor.
import type { IConstruct } from 'constructs';

const ENVIRONMENT_NAME = Symbol.for('cdk8s-appkit.environment-name');

/** Marks `scope` as the environment named `name`. */
export function markEnvironment(scope: IConstruct, name: string): void {
  Object.defineProperty(scope, ENVIRONMENT_NAME, { value: name, enumerable: false });
}

/** The name of the closest enclosing environment (the construct itself included), if any. */
export function environmentNameOf(construct: IConstruct): string | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const name = (scopes[i] as unknown as Record<symbol, unknown>)[ENVIRONMENT_NAME];
    if (typeof name === 'string') return name;
  }
  return undefined;
}
