// Rule `secret-data`: a Secret with `data` or `stringData` puts secret values in plain text
// into the output, which GitOps commits. Secrets should come from outside the app.
import { Rule } from '../rule';
import { joinQuote, obj, pluralize, sortedSet } from '../../kubernetes/private/json';
import { RuleContext } from './context';

export function checkSecretData(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    if (o.group !== '' || o.kind !== 'Secret') {
      continue;
    }
    for (const field of ['data', 'stringData']) {
      const keys = sortedSet(Object.keys(obj(o.manifest[field]) ?? {}));
      if (keys.length === 0) {
        continue;
      }
      ctx.report(Rule.SECRET_DATA, o, field, `${field} would write ${pluralize('a secret value', `${keys.length} secret values`, keys.length)} `
        + `(${pluralize('key', 'keys', keys.length)} ${joinQuote(keys)}) in plain text to the output: create the Secret outside the app `
        + `and declare it with Guardrails.of(scope).declareExternal(ExternalKind.SECRET, ${JSON.stringify(o.name ?? '')}), `
        + 'or allow it for this object with Guardrails.of(scope).allowSecretData(reason)');
    }
  }
}
