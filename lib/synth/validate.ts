// Port of `validate` in cdk8s core (cdk8s-team/cdk8s-core src/app.ts, shipped as
// node_modules/cdk8s/lib/app.js, v2.70): same walk, same `[path] message` prefix, same
// error text. Not exported by cdk8s; called once per synth here instead of once per chart.
import { IConstruct } from 'constructs';
import { SynthError } from './synth-error';

/** Runs `node.validate()` on every construct and returns the failures as `[path] message`. */
export function collectValidationErrors(constructs: readonly IConstruct[]): string[] {
  const errors: string[] = [];
  for (const child of constructs) {
    for (const error of child.node.validate()) {
      errors.push(`[${child.node.path}] ${error}`);
    }
  }
  return errors;
}

/** Validates every construct and throws one error listing all failures, in cdk8s's format. */
export function validateConstructs(constructs: readonly IConstruct[]): void {
  const errors = collectValidationErrors(constructs);
  if (errors.length > 0) {
    throw new SynthError(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}
