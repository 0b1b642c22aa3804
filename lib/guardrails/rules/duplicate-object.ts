// Rule `duplicate-object`: two objects with the same group, kind, namespace and name would
// overwrite each other when applied; the later one is reported.
import { Rule } from '../rule';
import { CheckedObject, identity, RuleContext } from './context';

export function checkDuplicateObjects(ctx: RuleContext): void {
  const first = new Map<string, CheckedObject>();
  for (const o of ctx.objects) {
    if (o.name === undefined || o.kind === '') {
      continue;
    }
    const key = identity(o.group, o.kind, o.namespace, o.name);
    const original = first.get(key);
    if (!original) {
      first.set(key, o);
      continue;
    }
    const where = original.path ? `the object at ${original.path}` : `object #${original.index + 1}`;
    ctx.report(Rule.DUPLICATE_OBJECT, o, 'metadata.name', `metadata.name "${o.name}" is already used by ${where} `
      + `(same group, kind and namespace): rename one of them, or the later one overwrites the other when applied`);
  }
}
