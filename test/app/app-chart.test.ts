import { ApiObject, Chart, Testing } from 'cdk8s';
import { ConfigMap } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppChart, Environment, WebService, Worker } from '../../lib/app';
import { RESOURCES, only, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.8.2';

describe('AppChart', () => {
  test('a bare app is a namespace enforcing the restricted Pod Security Standard', () => {
    // GIVEN / WHEN
    const chart = shopChart({ partOf: 'acme-commerce' });
    const manifests = synthValid(chart);

    // THEN
    expect(manifests).toMatchSnapshot();
    expect(manifests).toHaveLength(1);
    const ns = only(manifests, 'Namespace', 'shop');
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.spec).toBeUndefined(); // no empty `spec: {}` (the API server sets spec.finalizers)
    expect(ns.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'shop',
      'app.kubernetes.io/instance': 'shop',
      'app.kubernetes.io/version': '1.8.2',
      'app.kubernetes.io/part-of': 'acme-commerce',
      'app.kubernetes.io/managed-by': 'cdk8s-appkit',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  test('defaults: name from the id, namespace and part-of from the name', () => {
    const chart = shopChart();
    expect(chart.name).toBe('shop');
    expect(chart.namespace).toBe('shop');
    expect(chart.partOf).toBe('shop');
    expect(chart.instance).toBe('shop');
    expect(chart.environment).toBeUndefined();
  });

  test('inside an environment the instance label names the environment', () => {
    // GIVEN
    const app = Testing.app();
    const staging = new Environment(app, 'staging');

    // WHEN
    const chart = new AppChart(staging, 'shop', { version: '1.8.2' });

    // THEN
    expect(chart.environment).toBe(staging);
    expect(chart.instance).toBe('shop-staging');
    expect(chart.selectorLabels('api')).toEqual({
      'app.kubernetes.io/component': 'api',
      'app.kubernetes.io/instance': 'shop-staging',
      'app.kubernetes.io/name': 'shop',
    });
  });

  test('every object, also raw ones, carries the recommended labels and the namespace', () => {
    // GIVEN
    const chart = shopChart({ namespace: 'commerce' });

    // WHEN
    new ConfigMap(chart, 'Extra', { metadata: { name: 'extra' }, data: { a: 'b' } });
    const manifests = synthValid(chart);

    // THEN
    const extra = only(manifests, 'ConfigMap', 'extra');
    expect(extra.metadata.namespace).toBe('commerce');
    expect(extra.metadata.labels['app.kubernetes.io/managed-by']).toBe('cdk8s-appkit');
    expect(only(manifests, 'Namespace', 'commerce')).toBeDefined();
  });

  test('createNamespace: false leaves the namespace to someone else', () => {
    const chart = shopChart({ createNamespace: false });
    expect(chart.namespaceResource).toBeUndefined();
    expect(Testing.synth(chart)).toEqual([]);
  });

  test('AppChart.of finds the chart from any construct inside it', () => {
    // GIVEN
    const chart = shopChart();
    const nested = new Construct(new Construct(chart, 'a'), 'b');

    // THEN
    expect(AppChart.of(nested)).toBe(chart);
    expect(AppChart.isAppChart(chart)).toBe(true);
    expect(AppChart.isAppChart(new Chart(Testing.app(), 'plain'))).toBe(false);
  });

  test('fails when a component is created outside an AppChart', () => {
    const chart = new Chart(Testing.app(), 'plain');
    expect(() => new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES }))
      .toThrow('[plain/worker] must be created inside an AppChart: create the component with an AppChart (or a construct inside one) as its scope');
  });

  test('components lists the components in creation order', () => {
    const chart = shopChart();
    const api = new WebService(chart, 'api', { image: IMAGE, resources: RESOURCES });
    const worker = new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES });
    expect(chart.components).toEqual([api, worker]);
  });

  test.each([
    [{ name: 'Shop' }, '[shop] name must be a DNS-1035 label (lower-case letters, digits and "-", starting with a letter and ending with a letter or digit), got "Shop": use a short lower-case name like "shop"'],
    [{ name: '1shop' }, '[shop] name must be a DNS-1035 label (lower-case letters, digits and "-", starting with a letter and ending with a letter or digit), got "1shop": use a short lower-case name like "shop"'],
    [{ name: 'a'.repeat(62) }, `[shop] name must be at most 61 characters, got "${'a'.repeat(62)}": use a short lower-case name like "shop"`],
    [{ version: 'v1.8.2+build.7' }, '[shop] version must be a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit), got "v1.8.2+build.7": use a version like "1.8.2"'],
    [{ namespace: 'shop_ns' }, '[shop] namespace must be a DNS-1035 label (lower-case letters, digits and "-", starting with a letter and ending with a letter or digit), got "shop_ns": use a short lower-case name like "shop"'],
    [{ partOf: 'acme commerce' }, '[shop] partOf must be a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit), got "acme commerce": use a short name like "acme-commerce"'],
  ])('fails on bad props %j', (props, message) => {
    expect(() => shopChart(props)).toThrow(message);
  });

  test('fails when two components of an app share a name', () => {
    // GIVEN
    const chart = shopChart();
    new WebService(chart, 'api', { image: IMAGE, resources: RESOURCES });

    // WHEN / THEN
    expect(() => new Worker(new Construct(chart, 'jobs'), 'api', { image: IMAGE, resources: RESOURCES }))
      .toThrow('[shop/jobs/api] name is already used by shop/api, got "api": component names must be unique within an app: give this component another name');
  });

  test('fails synth when two objects of a kind share a name in a namespace, across apps of an environment', () => {
    // GIVEN two apps in one environment, both in namespace `shop`, both with a Deployment shop-api
    const app = Testing.app();
    const env = new Environment(app, 'production');
    const shop = new AppChart(env, 'shop', { version: '1' });
    new WebService(shop, 'api', { image: IMAGE, resources: RESOURCES });
    const legacy = new AppChart(env, 'legacy', { version: '1', namespace: 'shop', createNamespace: false });
    const raw = new Construct(legacy, 'raw');
    new ApiObject(raw, 'Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop-api' } });

    // WHEN / THEN
    const message = 'Deployment "shop-api" in namespace "shop" is defined 2 times '
      + '(production/shop/api/Deployment/Resource, production/legacy/raw/Deployment): give the components or objects different names';
    expect(() => Testing.synth(shop)).toThrow(`[production/shop] ${message}`);
    expect(() => Testing.synth(shop)).toThrow(`[production/legacy] ${message}`);
  });

  test('the same names in different environments or namespaces do not clash', () => {
    // GIVEN
    const app = Testing.app();
    for (const name of ['staging', 'production']) {
      const chart = new AppChart(new Environment(app, name), 'shop', { version: '1' });
      new WebService(chart, 'api', { image: IMAGE, resources: RESOURCES });
    }
    const other = new AppChart(new Environment(app, 'qa'), 'shop', { version: '1' });
    new WebService(other, 'api', { image: IMAGE, resources: RESOURCES });
    const otherNamespace = new AppChart(other.node.scope!, 'shop2', { version: '1', name: 'shop', namespace: 'shop-two' });
    new WebService(otherNamespace, 'api', { image: IMAGE, resources: RESOURCES });

    // WHEN / THEN
    expect(() => Testing.synth(other)).not.toThrow();
  });
});
