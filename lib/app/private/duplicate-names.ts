import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isClusterScoped } from '../../kubernetes/cluster-scoped';
import { SynthSession } from '../../synth/session';
import type { AppChart } from '../app-chart';
import { Environment } from '../environment';

/**
 * Errors for the objects of `chart` that share group, kind, namespace and name with another
 * object of the same environment (or, outside environments, of the app). One walk of the
 * tree per synth session serves every chart.
 */
export function duplicateNameErrors(chart: AppChart): string[] {
  const scopeRoot: IConstruct = chart.environment ?? chart.node.root;
  const byChart = SynthSession.memo(chart, 'appkit/duplicate-names', scopeRoot, () => findDuplicates(scopeRoot));
  return byChart.get(chart) ?? [];
}

function findDuplicates(scopeRoot: IConstruct): Map<IConstruct, string[]> {
  const objects = new Map<string, ApiObject[]>();
  const visit = (construct: IConstruct): void => {
    if (ApiObject.isApiObject(construct)) {
      const namespace = isClusterScoped(construct.kind) ? '' : construct.metadata.namespace ?? '';
      const key = `${construct.apiGroup}\u0000${construct.kind}\u0000${namespace}\u0000${construct.name}`;
      const list = objects.get(key);
      if (list) {
        list.push(construct);
      } else {
        objects.set(key, [construct]);
      }
    }
    for (const child of construct.node.children) {
      // Each environment is its own cluster: its names never clash with another's.
      if (!(child instanceof Environment) || scopeRoot instanceof Environment) {
        visit(child);
      }
    }
  };
  visit(scopeRoot);

  const byChart = new Map<IConstruct, string[]>();
  for (const list of objects.values()) {
    if (list.length < 2) {
      continue;
    }
    const first = list[0];
    const where = first.metadata.namespace && !isClusterScoped(first.kind) ? ` in namespace "${first.metadata.namespace}"` : '';
    const message = `${first.kind} "${first.name}"${where} is defined ${list.length} times `
      + `(${list.map((o) => o.node.path).join(', ')}): give the components or objects different names`;
    for (const chart of new Set(list.map(owningAppChart))) {
      if (chart) {
        byChart.set(chart, [...byChart.get(chart) ?? [], message]);
      }
    }
  }
  return byChart;
}

function owningAppChart(construct: IConstruct): IConstruct | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    if (Symbol.for('cdk8s-appkit.AppChart') in c) {
      return c;
    }
  }
  return undefined;
}
