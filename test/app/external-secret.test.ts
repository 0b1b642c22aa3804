import { ApiObject, Duration, Testing } from 'cdk8s';
import { ExternalSecret, ExternalSecretApiVersion, SecretRef, SecretStoreKind, Worker, WorkerProps } from '../../lib/app';
import { checkManifests, Rule } from '../../lib/guardrails';
import type { ManifestObject } from '../../lib/scheduler/types';
import { crdSchemaErrors } from './crd-schema';
import { RESOURCES, kinds, only, podSpec, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-worker:1.8.2';
const PAYMENT = { storeName: 'vault', remoteKey: 'shop/payment' };

describe('ExternalSecret (SecretRef.fromExternalSecret)', () => {
  test('one ExternalSecret per Secret, shared by components, ordered before the workloads that read it', () => {
    // GIVEN
    const chart = shopChart();
    new Worker(chart, 'worker', {
      image: IMAGE, resources: RESOURCES,
      secretEnv: {
        PAYMENT_API_KEY: SecretRef.fromExternalSecret('shop-payment', 'api-key', { ...PAYMENT, remoteProperty: 'key' }),
        PAYMENT_WEBHOOK_SECRET: SecretRef.fromExternalSecret('shop-payment', 'webhook-secret', { ...PAYMENT, remoteProperty: 'webhook' }),
      },
    });
    new Worker(chart, 'refunds', {
      image: IMAGE, resources: RESOURCES,
      secretEnv: { PAYMENT_API_KEY: SecretRef.fromExternalSecret('shop-payment', 'api-key', { ...PAYMENT, remoteProperty: 'key' }) },
    });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    expect(manifests).toMatchSnapshot();
    expect(kinds(manifests)).toEqual(['Namespace/shop', 'ExternalSecret/shop-payment', 'Deployment/shop-worker', 'Deployment/shop-refunds']);
    expect(chart.externalSecrets.map((s) => s.secretName)).toEqual(['shop-payment']);
    const external = only(manifests, 'ExternalSecret');
    expect(external.apiVersion).toBe('external-secrets.io/v1');
    expect(external.metadata).toMatchObject({ name: 'shop-payment', namespace: 'shop' });
    expect(external.spec).toEqual({
      data: [
        { remoteRef: { key: 'shop/payment', property: 'key' }, secretKey: 'api-key' },
        { remoteRef: { key: 'shop/payment', property: 'webhook' }, secretKey: 'webhook-secret' },
      ],
      refreshInterval: '1h0m0s',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: { creationPolicy: 'Owner', name: 'shop-payment' },
    });
    expect(podSpec(only(manifests, 'Deployment', 'shop-worker')).containers[0].env).toEqual([
      { name: 'PAYMENT_API_KEY', valueFrom: { secretKeyRef: { key: 'api-key', name: 'shop-payment' } } },
      { name: 'PAYMENT_WEBHOOK_SECRET', valueFrom: { secretKeyRef: { key: 'webhook-secret', name: 'shop-payment' } } },
    ]);
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    // valid against the CRD's v1 schema (crds/, as published upstream)
    expect(crdSchemaErrors(external, 'external-secrets.io_externalsecrets.yaml')).toEqual([]);
  });

  test('store kind and refresh interval are configurable', () => {
    const chart = shopChart();
    const secret = new ExternalSecret(chart, 'Db', {
      secretName: 'shop-db', storeName: 'shop-store', storeKind: SecretStoreKind.SECRET_STORE, refreshInterval: Duration.minutes(15),
    });
    secret.addKey({ key: 'password', remoteKey: 'db' });
    expect(ApiObject.of(secret).toJson().spec).toMatchObject({
      data: [{ remoteRef: { key: 'db' }, secretKey: 'password' }],
      refreshInterval: '15m0s',
      secretStoreRef: { kind: 'SecretStore', name: 'shop-store' },
    });
  });

  // External Secrets Operator reads refreshInterval as a metav1.Duration (Go time.ParseDuration):
  // "0s" turns periodic refresh off (the CRD: "May be set to \"0s\" to fetch and create it once"),
  // sub-second values are valid, and the controller writes it back as time.Duration.String().
  test.each<[string, Duration, string]>([
    ['0 (no periodic refresh)', Duration.seconds(0), '0s'],
    ['half a second', Duration.millis(500), '500ms'],
    ['1.5 seconds', Duration.millis(1500), '1.5s'],
    ['90 seconds', Duration.seconds(90), '1m30s'],
    ['an hour', Duration.hours(1), '1h0m0s'],
    ['a day and a millisecond', Duration.millis(86_400_001), '24h0m0.001s'],
  ])('refreshInterval %s is written as ESO writes it back, and passes the CRD schema and the schema guardrail', (_, refreshInterval, written) => {
    const chart = shopChart();
    new Worker(chart, 'worker', {
      image: IMAGE, resources: RESOURCES, secretEnv: { A: SecretRef.fromExternalSecret('shop-payment', 'a', { ...PAYMENT, refreshInterval }) },
    });
    const external = only(synthValid(chart), 'ExternalSecret');
    expect(external.spec.refreshInterval).toBe(written);
    expect(crdSchemaErrors(external, 'external-secrets.io_externalsecrets.yaml')).toEqual([]);
    expect(checkManifests([{ manifest: external as ManifestObject }], { rules: [Rule.SCHEMA, Rule.API_VALIDATION] })).toEqual([]);
  });

  test('fails on a refreshInterval past Go\'s int64 nanoseconds, and on two refresh intervals for one Secret (compared as ESO reads them)', () => {
    expect(() => new ExternalSecret(shopChart(), 'Db', { secretName: 'shop-db', storeName: 'vault', refreshInterval: Duration.days(200_000) })).toThrow(
      '[shop/Db] refreshInterval must be at most 2562047h47m16.854775807s (a Go duration is int64 nanoseconds), got "200000 days": use e.g. Duration.hours(1)');
    expect(() => new Worker(shopChart(), 'worker', {
      image: IMAGE, resources: RESOURCES,
      secretEnv: {
        A: SecretRef.fromExternalSecret('shop-payment', 'a', { ...PAYMENT, refreshInterval: Duration.seconds(0) }),
        B: SecretRef.fromExternalSecret('shop-payment', 'b', { ...PAYMENT, refreshInterval: Duration.millis(500) }),
      },
    })).toThrow('[shop/worker] secret "shop-payment" store differs from the one given at shop/ExternalSecret-shop-payment (ClusterSecretStore "vault", refresh 0s), '
      + 'got "ClusterSecretStore vault, refresh 500ms": give every key of one Secret the same store and refresh interval');
    // the same interval written two ways is one interval
    expect(() => new Worker(shopChart(), 'worker', {
      image: IMAGE, resources: RESOURCES,
      secretEnv: {
        A: SecretRef.fromExternalSecret('shop-payment', 'a', { ...PAYMENT, refreshInterval: Duration.minutes(60) }),
        B: SecretRef.fromExternalSecret('shop-payment', 'b', PAYMENT),
      },
    })).not.toThrow();
  });

  test('the API version is an option: v1 by default, v1beta1 for an older operator (AppChart or ExternalSecret)', () => {
    // GIVEN an app for an operator older than v0.17.0
    const chart = shopChart({ externalSecretApiVersion: ExternalSecretApiVersion.V1BETA1 });
    new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, secretEnv: { A: SecretRef.fromExternalSecret('shop-payment', 'a', PAYMENT) } });
    const direct = new ExternalSecret(shopChart(), 'Db', { secretName: 'shop-db', storeName: 'vault' });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    expect(only(manifests, 'ExternalSecret').apiVersion).toBe('external-secrets.io/v1beta1');
    // the CRD still describes v1beta1 (same fields) but no longer serves it
    expect(crdSchemaErrors(only(manifests, 'ExternalSecret'), 'external-secrets.io_externalsecrets.yaml'))
      .toEqual(['external-secrets.io/v1beta1 is not served by this CRD']);
    expect(chart.externalSecrets[0].apiVersion).toBe(ExternalSecretApiVersion.V1BETA1);
    expect(ApiObject.of(direct).toJson().apiVersion).toBe('external-secrets.io/v1');
    expect(() => new ExternalSecret(shopChart(), 'Db', {
      secretName: 'shop-db', storeName: 'vault', apiVersion: 'external-secrets.io/v1alpha1' as ExternalSecretApiVersion,
    })).toThrow('[shop/Db] apiVersion is not a served ExternalSecret API version, got "external-secrets.io/v1alpha1": use ExternalSecretApiVersion.V1');
  });

  test.each<[string, Partial<WorkerProps>, string]>([
    ['one key read from two places', {
      secretEnv: {
        A: SecretRef.fromExternalSecret('shop-payment', 'api-key', { ...PAYMENT, remoteProperty: 'key' }),
        B: SecretRef.fromExternalSecret('shop-payment', 'api-key', { ...PAYMENT, remoteProperty: 'other' }),
      },
    }, '[shop/worker] secret "shop-payment" key "api-key" is already read from "shop/payment" property "key", got "shop/payment": read each key of a Secret from one place'],
    ['two stores for one Secret', {
      secretEnv: {
        A: SecretRef.fromExternalSecret('shop-payment', 'a', PAYMENT),
        B: SecretRef.fromExternalSecret('shop-payment', 'b', { ...PAYMENT, storeName: 'aws' }),
      },
    }, '[shop/worker] secret "shop-payment" store differs from the one given at shop/ExternalSecret-shop-payment (ClusterSecretStore "vault", refresh 1h0m0s), got "ClusterSecretStore aws, refresh 1h0m0s": give every key of one Secret the same store and refresh interval'],
    ['an empty remote key', { secretEnv: { A: SecretRef.fromExternalSecret('shop-payment', 'a', { storeName: 'vault', remoteKey: '' }) } },
      '[shop/worker] secret "shop-payment" remoteKey must not be empty, got "": name the value in the store, e.g. "shop/db"'],
    ['an invalid store name', { secretEnv: { A: SecretRef.fromExternalSecret('shop-payment', 'a', { storeName: 'Vault', remoteKey: 'x' }) } },
      '[shop/ExternalSecret-shop-payment] storeName must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters), got "Vault": use the name of a SecretStore or ClusterSecretStore'],
  ])('fails on %s', (_, props, message) => {
    expect(() => new Worker(shopChart(), 'worker', { image: IMAGE, resources: RESOURCES, ...props })).toThrow(message);
  });

  test('the same output twice', () => {
    const chart = shopChart();
    new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, secretEnv: { A: SecretRef.fromExternalSecret('s', 'a', PAYMENT) } });
    expect(Testing.synth(chart)).toEqual(Testing.synth(chart));
  });
});
