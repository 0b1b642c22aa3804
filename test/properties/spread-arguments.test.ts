// The class behind `Maximum call stack size exceeded` on big inputs (issue 10): a spread in call
// arguments (`out.push(...lines)`, `Math.max(...values)`) puts every element on the stack and
// overflows past ~120,000. Every such call in lib/ is listed here with why its array is small;
// a new one fails this test until it loops instead or is shown to be bounded.
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.join(__dirname, '..', '..', 'lib');
const SPREAD_CALL = /\b(push|unshift|max|min|fromCharCode|concat|apply|splice)\(\s*\.\.\./g;

/** `file: number of spread calls` — each bounded by something other than the input's size. */
const BOUNDED: Record<string, { readonly count: number; readonly why: string }> = {
  'kubernetes/validation.ts': { count: 3, why: 'error lists of one string check (at most 3 messages)' },
  'kubernetes/pod-security.ts': { count: 3, why: 'fields/capabilities of one pod' },
  'kubernetes/ingress-validation.ts': { count: 1, why: 'error messages of one host (at most 2)' },
  'cli/capacity-args.ts': { count: 1, why: 'command-line arguments (bounded by the OS)' },
  'capacity/plan.ts': { count: 1, why: 'one entry per extended resource name of the nodes (a handful)' },
  'capacity/suggest.ts': { count: 1, why: 'the one template node of a NodePool' },
  'app/component.ts': { count: 1, why: 'the HPA metrics a user lists in props' },
  'manifests/limit-ranger.ts': { count: 1, why: 'the errors of one LimitRange item for one pod' },
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

test('every spread in call arguments in lib/ is a bounded one', () => {
  const found: Record<string, number> = {};
  for (const file of files(LIB)) {
    const n = (fs.readFileSync(file, 'utf8').match(SPREAD_CALL) ?? []).length;
    if (n > 0) found[path.relative(LIB, file).split(path.sep).join('/')] = n;
  }
  expect(found).toEqual(Object.fromEntries(Object.entries(BOUNDED).map(([f, b]) => [f, b.count])));
});
