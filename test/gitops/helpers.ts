// Helpers shared by the GitOps tests (not a test file: jest only runs *.test.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { AppkitApp } from '../../lib/app/appkit-app';
import { Environment } from '../../lib/app/environment';

export type Manifest = { [key: string]: any };

/** A fresh AppkitApp writing into a new temporary folder. */
export function tempApp(): AppkitApp {
  return new AppkitApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-gitops-')) });
}

/** Synthesizes `app` and returns every YAML object of `dist/<folder>/`, file by file in order. */
export function synthFolder(app: AppkitApp, folder: string): Manifest[] {
  app.synth();
  const dir = path.join(app.outdir, folder);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as Manifest));
}

export function readOut(app: AppkitApp, file: string): string {
  return fs.readFileSync(path.join(app.outdir, file), 'utf8');
}

/** A chart `shop` in `env` with a Namespace, a ConfigMap, a Deployment and a StatefulSet with one claim template. */
/** A Namespace, a ConfigMap and a StatefulSet in `namespace` (two environments of one cluster need two). */
export function smallShop(env: Environment, namespace = 'shop'): Chart {
  const chart = new Chart(env, 'shop', { namespace, disableResourceNameHashes: true });
  new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, namespace: undefined } });
  new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-config' }, data: { A: '1' } });
  const pod = {
    metadata: { labels: { app: 'db' } },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: 'main',
        image: 'ghcr.io/acme/db:1.0.0',
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
      }],
    },
  };
  new ApiObject(chart, 'db', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'shop-db' },
    spec: {
      serviceName: 'shop-db',
      replicas: 1,
      selector: { matchLabels: { app: 'db' } },
      template: pod,
      volumeClaimTemplates: [{
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      }],
    },
  });
  return chart;
}
