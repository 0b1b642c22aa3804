// The schema guardrail checks the GitOps objects against their CRDs (crds/, extracted into
// schemas/crd-schemas.json by scripts/crd-schemas.js), unknown fields rejected.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { checkManifests } from '../../lib/guardrails/check-manifests';
import { Rule } from '../../lib/guardrails/rule';

const APPLICATION = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'production', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://github.com/acme/shop-deploy.git', targetRevision: 'main', path: 'dist/production' },
    destination: { server: 'https://kubernetes.default.svc' },
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['PruneLast=true'] },
  },
};

function schemaMessages(manifest: object): string[] {
  return checkManifests([{ manifest: manifest as any, path: 'gitops/production' }], { rules: [Rule.SCHEMA] })
    .map((f) => `${f.field}: ${f.message}`);
}

describe('schema rule on custom resources with a CRD in crds/', () => {
  test('a valid Application passes', () => {
    expect(schemaMessages(APPLICATION)).toEqual([]);
  });

  test('fails on an unknown field, suggesting the known one', () => {
    const typo = { ...APPLICATION, spec: { ...APPLICATION.spec, source: { ...APPLICATION.spec.source, repoUrl: 'x', repoURL: undefined } } };
    expect(schemaMessages(JSON.parse(JSON.stringify(typo)))).toEqual([
      'spec.source.repoURL: required field "spec.source.repoURL" is missing: set it',
      'spec.source.repoUrl: unknown field "spec.source.repoUrl": did you mean "repoURL"?',
    ]);
  });

  test('fails on a field no version of the CRD has, naming the CRD file', () => {
    expect(schemaMessages({ ...APPLICATION, spec: { ...APPLICATION.spec, wave: 1 } })).toEqual([
      'spec.wave: unknown field "spec.wave": remove it: this object of the Application CRD (crds/argo-cd-application-crd.yaml) has no such field',
    ]);
  });

  test('an unknown field at the top names the CRD itself', () => {
    expect(schemaMessages({ ...APPLICATION, specs: {} })).toEqual([
      'specs: unknown field "specs": did you mean "spec"?',
    ]);
    expect(schemaMessages({ ...APPLICATION, extras: {} })).toEqual([
      'extras: unknown field "extras": remove it: the Application CRD (crds/argo-cd-application-crd.yaml) has no such field',
    ]);
  });

  test('fails on a wrong type and on a version the CRD does not serve', () => {
    expect(schemaMessages({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'staging' },
      spec: { interval: '5m', prune: 'yes', sourceRef: { kind: 'GitRepository', name: 'gitops' } },
    })).toEqual(['spec.prune: spec.prune must be boolean, got "yes"']);
    expect(schemaMessages({ ...APPLICATION, apiVersion: 'argoproj.io/v1' })).toEqual([
      'apiVersion: apiVersion "argoproj.io/v1" kind "Application" is not defined by the CRDs in crds/: use apiVersion "argoproj.io/v1alpha1"',
    ]);
  });

  test('custom resources of groups without a CRD in crds/ are still skipped', () => {
    expect(schemaMessages({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: 1 } })).toEqual([]);
  });

  test('schemas/crd-schemas.json is up to date with crds/', () => {
    expect(() => execFileSync('node', [path.join(__dirname, '../../scripts/crd-schemas.js'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
