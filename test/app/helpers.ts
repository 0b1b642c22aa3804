// Helpers shared by the app tests (not a test file: jest only runs *.test.ts).
import * as fs from 'fs';
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AppChart, AppChartProps, AppkitApp, ComponentOverrides, Environment, Resources } from '../../lib/app';
import { parseAllDocuments } from 'yaml';
import { allSchemaErrors } from './k8s-schema';

export type Manifest = { [key: string]: any };

export const RESOURCES = Resources.of({ cpu: '250m', memory: '256Mi' });

/** An AppChart `shop` (version 1.8.2) in a fresh app, inside Environment `production` when overrides are given. */
export function shopChart(props: Partial<AppChartProps> = {}, overrides?: { [component: string]: ComponentOverrides }): AppChart {
  const app = Testing.app();
  const scope: Construct = overrides ? new Environment(app, 'production', { overrides }) : app;
  return new AppChart(scope, 'shop', { version: '1.8.2', ...props });
}

/** Synthesizes a chart and checks every object against the Kubernetes 1.27 schema. */
export function synthValid(chart: AppChart): Manifest[] {
  const manifests = Testing.synth(chart);
  expect(allSchemaErrors(manifests)).toEqual([]);
  return manifests;
}

/** The one object of `kind` (and `name`, if given); fails when there is not exactly one. */
export function only(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
}

export function kinds(manifests: Manifest[]): string[] {
  return manifests.map((m) => `${m.kind}/${m.metadata.name}`);
}

/** The pod spec of a Deployment, StatefulSet or CronJob. */
export function podSpec(workload: Manifest): Manifest {
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
}

export function podTemplate(workload: Manifest): Manifest {
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template : workload.spec.template;
}

/**
 * Pod Security Standards "restricted" (v1.27) checks that our pod specs can break:
 * runAsNonRoot, allowPrivilegeEscalation false, capabilities drop ALL, RuntimeDefault seccomp,
 * no privileged containers, no root UID. The full rule set is the guardrails' job.
 */
export function restrictedViolations(spec: Manifest): string[] {
  const problems: string[] = [];
  const podNonRoot = spec.securityContext?.runAsNonRoot === true;
  const podSeccomp = spec.securityContext?.seccompProfile?.type;
  if (spec.securityContext?.runAsUser === 0) {
    problems.push('pod runAsUser 0');
  }
  for (const c of [...spec.initContainers ?? [], ...spec.containers]) {
    const sc = c.securityContext ?? {};
    if (!(sc.runAsNonRoot === true || (podNonRoot && sc.runAsNonRoot !== false))) {
      problems.push(`${c.name}: runAsNonRoot`);
    }
    if (sc.allowPrivilegeEscalation !== false) {
      problems.push(`${c.name}: allowPrivilegeEscalation`);
    }
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) {
      problems.push(`${c.name}: capabilities.drop ALL`);
    }
    if ((sc.capabilities?.add ?? []).some((cap: string) => cap !== 'NET_BIND_SERVICE')) {
      problems.push(`${c.name}: capabilities.add`);
    }
    if (sc.privileged === true) {
      problems.push(`${c.name}: privileged`);
    }
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      problems.push(`${c.name}: seccompProfile`);
    }
  }
  return problems;
}

/**
 * An AppChart `shop` in an AppkitApp (guardrails on), for tests that check what the guardrails
 * and the capacity check see: `synthYaml()` runs every validation once and throws on errors.
 */
export function guardedShop(props: Partial<AppChartProps> = {}): { app: AppkitApp; chart: AppChart } {
  const app = new AppkitApp({ outdir: '/nonexistent/never-written' });
  return { app, chart: new AppChart(app, 'shop', { version: '1.8.2', ...props }) };
}

/** The objects of a synthesized YAML file, in order. */
export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS());
}
