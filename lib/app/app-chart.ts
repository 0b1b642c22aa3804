import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Namespace } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { Guardrails } from '../guardrails/guardrails';
import {
  goLen, isDNS1123Label, isQualifiedName, isValidLabelValue, TOTAL_ANNOTATION_SIZE_LIMIT_B,
} from '../kubernetes/validation';
import type { Component } from './component';
import { ComponentOverrides, Environment } from './environment';
import { ExternalSecret, ExternalSecretApiVersion } from './external-secret';
import { createDefaultDenyIngress } from './network-policy';
import { duplicateNameErrors } from './private/duplicate-names';
import { refreshIntervalString } from './private/durations';
import { freeId, propError } from './private/errors';
import { checkDns1035Label, checkEnum, checkLabelValue } from './private/validation';
import { SecretRef, SecretStoreKind } from './secret-ref';

const APP_CHART_SYMBOL = Symbol.for('cdk8s-appkit.AppChart');

/** Where `Peer.ingressController()` points unless an AppChart says otherwise. */
export const DEFAULT_INGRESS_CONTROLLER_NAMESPACE = 'ingress-nginx';

/** Value of `app.kubernetes.io/managed-by` on every object. */
export const MANAGED_BY = 'cdk8s-appkit';

/** The Kubernetes recommended label keys. */
export const AppLabels = {
  NAME: 'app.kubernetes.io/name',
  INSTANCE: 'app.kubernetes.io/instance',
  VERSION: 'app.kubernetes.io/version',
  COMPONENT: 'app.kubernetes.io/component',
  PART_OF: 'app.kubernetes.io/part-of',
  MANAGED_BY: 'app.kubernetes.io/managed-by',
} as const;

export interface AppChartProps {
  /**
   * The application's name (`app.kubernetes.io/name`), prefix of every object name
   * (`<name>-<component>`). A DNS-1035 label.
   * @default - the construct id
   */
  readonly name?: string;
  /** The application's version (`app.kubernetes.io/version`), e.g. `1.8.2`. */
  readonly version: string;
  /**
   * The larger system this app belongs to (`app.kubernetes.io/part-of`).
   * @default - the app name
   */
  readonly partOf?: string;
  /**
   * The namespace of every object of the app.
   * @default - the app name, or as the Environment's `namespaceScheme` says (`<app>-<environment>`)
   */
  readonly namespace?: string;
  /**
   * Create the Namespace object, labelled to enforce the Pod Security Standards
   * "restricted" profile. Set false when the namespace is managed elsewhere.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * `app.kubernetes.io/instance`, part of every selector.
   * @default - `<name>-<environment>` inside an Environment, else `<name>`
   */
  readonly instance?: string;
  /**
   * API version of the ExternalSecrets the app writes (`SecretRef.fromExternalSecret`).
   * @default ExternalSecretApiVersion.V1
   */
  readonly externalSecretApiVersion?: ExternalSecretApiVersion;
  /**
   * Isolate the app's pods: a NetworkPolicy `<app>-default-deny-ingress` lets no connection in
   * unless a component allows it (`component.allowFrom(Peer.component(other), { portName: 'http' })`);
   * WebServices with an Ingress are reachable from `ingressControllerNamespace`. Needs a
   * network plugin that enforces NetworkPolicies (Calico, Cilium, …). Egress is not restricted.
   * @default false
   */
  readonly isolatePods?: boolean;
  /**
   * Namespace of the ingress controller (`Peer.ingressController()`), selected by its
   * `kubernetes.io/metadata.name` label. Change it for another controller, e.g. `traefik`.
   * @default 'ingress-nginx'
   */
  readonly ingressControllerNamespace?: string;
  /**
   * Labels for every object of the app (e.g. `team`, `cost-center`), also on the pods. The
   * recommended `app.kubernetes.io/*` labels are the app's own and cannot be set here.
   * @default - only the recommended labels
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Annotations for every object of the app (e.g. `owner`, a runbook URL). An object's own
   * annotation with the same key wins.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
}

const RECOMMENDED_LABELS: readonly string[] = Object.values(AppLabels);

/**
 * One application: a namespace, the Kubernetes recommended labels on every object, and the
 * components (WebService, Worker, ScheduledTask, StatefulService) created inside it. Put it
 * inside an `Environment` to synthesize it per environment with that environment's overrides.
 */
export class AppChart extends Chart {
  /** True if `x` is an AppChart (also across copies of this library). */
  public static isAppChart(x: unknown): x is AppChart {
    return x !== null && typeof x === 'object' && APP_CHART_SYMBOL in x;
  }

  /** The AppChart `construct` belongs to; throws when there is none. */
  public static of(construct: IConstruct): AppChart {
    const chart = AppChart.find(construct);
    if (!chart) {
      throw new Error(`[${construct.node.path}] must be created inside an AppChart: `
        + 'create the component with an AppChart (or a construct inside one) as its scope');
    }
    return chart;
  }

  /** The AppChart `construct` belongs to, or undefined. */
  public static find(construct: IConstruct): AppChart | undefined {
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      if (AppChart.isAppChart(c)) {
        return c;
      }
    }
    return undefined;
  }

  /** The app name. */
  public readonly name: string;
  public readonly version: string;
  public readonly partOf: string;
  public readonly instance: string;
  /** The `annotations` prop: on every object of the app. */
  public readonly annotations: { readonly [key: string]: string };
  /** True when the app's pods only accept connections their components allow. */
  public readonly isolatePods: boolean;
  /** Namespace of the ingress controller (`Peer.ingressController()`). */
  public readonly ingressControllerNamespace: string;
  /** The default-deny NetworkPolicy, when `isolatePods` is set. */
  public readonly defaultDenyIngress?: ApiObject;
  /** API version of the app's ExternalSecrets. */
  public readonly externalSecretApiVersion: ExternalSecretApiVersion;
  /** The namespace of every object of the app. */
  public declare readonly namespace: string;
  /** The environment the app is synthesized for, if any. */
  public readonly environment?: Environment;
  /** The Namespace object, unless `createNamespace` is false. */
  public readonly namespaceResource?: Namespace;
  private readonly componentsByName = new Map<string, Component>();
  private readonly externalSecretsByName = new Map<string, ExternalSecret>();

  constructor(scope: Construct, id: string, props: AppChartProps) {
    if (typeof props !== 'object' || props === null) {
      const parent = scope?.node?.path;
      throw new Error(`[${parent ? `${parent}/` : ''}${id}] props are required, got ${String(props)}: pass at least { version: '1.0.0' }`);
    }
    const name = props.name ?? id;
    const environment = Environment.of(scope);
    const instance = props.instance ?? (environment ? `${name}-${environment.name}` : name);
    const partOf = props.partOf ?? name;
    super(freeId(scope, id, 'AppChart'), id, {
      namespace: props.namespace ?? environment?.namespaceFor(name) ?? name,
      disableResourceNameHashes: true,
      labels: {
        ...props.labels,
        [AppLabels.NAME]: name,
        [AppLabels.INSTANCE]: instance,
        [AppLabels.VERSION]: props.version,
        [AppLabels.PART_OF]: partOf,
        [AppLabels.MANAGED_BY]: MANAGED_BY,
      },
    });
    Object.defineProperty(this, APP_CHART_SYMBOL, { value: true });
    this.name = name;
    this.version = props.version;
    this.partOf = partOf;
    this.instance = instance;
    checkEnum(this, 'externalSecretApiVersion', props.externalSecretApiVersion, ExternalSecretApiVersion, 'ExternalSecretApiVersion');
    this.externalSecretApiVersion = props.externalSecretApiVersion ?? ExternalSecretApiVersion.V1;
    this.environment = environment;
    // Inside an Environment the environment's Guardrails check this chart with its siblings.
    if (!environment) {
      Guardrails.enable(this);
    }

    // Component objects are named `<app>-<component>` and the component part is at least one
    // character: leave room for it and the dash in a 63-character Service name.
    checkDns1035Label(this, 'name', name, 61, 'use a short lower-case name like "shop"');
    checkLabelValue(this, 'version', props.version, 'use a version like "1.8.2"');
    checkLabelValue(this, 'partOf', partOf, 'use a short name like "acme-commerce"');
    checkLabelValue(this, 'instance', instance, 'shorten the app or environment name, or set instance');
    checkDns1035Label(this, 'namespace', this.namespace, 63, 'use a short lower-case name like "shop"');

    if (props.createNamespace ?? true) {
      this.namespaceResource = new Namespace(this, 'Namespace', {
        metadata: {
          name: this.namespace,
          labels: {
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/audit': 'restricted',
            'pod-security.kubernetes.io/warn': 'restricted',
          },
        },
      });
      // A Namespace is cluster-scoped: drop the chart's default namespace from it.
      // cdk8s-plus writes an empty `spec: {}`; the API server fills in spec.finalizers itself.
      ApiObject.of(this.namespaceResource).addJsonPatch(JsonPatch.remove('/metadata/namespace'), JsonPatch.remove('/spec'));
    }

    checkUserLabels(this, props.labels ?? {});
    this.annotations = checkAnnotations(this, props.annotations ?? {});
    // cdk8s charts have labels but no annotations, and components' labels and annotations go on
    // objects created by several files. The root's validations run first (cdk8s and AppkitApp
    // validate in tree order, before anything is resolved), so the guardrails, the capacity check
    // and the YAML all see them; toJson() covers Testing.synth(chart).
    this.node.root.node.addValidation({ validate: () => this.annotateObjects() });

    this.isolatePods = props.isolatePods ?? false;
    this.ingressControllerNamespace = props.ingressControllerNamespace ?? DEFAULT_INGRESS_CONTROLLER_NAMESPACE;
    const namespaceErrors = isDNS1123Label(this.ingressControllerNamespace);
    if (namespaceErrors.length > 0) {
      throw propError(this, 'ingressControllerNamespace', `is not a valid namespace name (${namespaceErrors.join('; ')})`, this.ingressControllerNamespace,
        'use the namespace of the ingress controller, e.g. "ingress-nginx"');
    }
    if (this.isolatePods) {
      this.defaultDenyIngress = createDefaultDenyIngress(this);
    }

    this.node.addValidation({ validate: () => duplicateNameErrors(this) });
  }

  /** The chart's objects, with the app's annotations applied first. */
  public toJson(): ReturnType<Chart['toJson']> {
    this.annotateObjects();
    return super.toJson();
  }

  /** The components of this app, in creation order. */
  public get components(): Component[] {
    return [...this.componentsByName.values()];
  }

  /** The environment's overrides for one of this app's components (empty outside environments). */
  public overridesFor(componentName: string): ComponentOverrides {
    return this.environment?.overridesFor(componentName, this.name) ?? {};
  }

  /** The labels every selector of a component uses: name, instance and component. */
  public selectorLabels(componentName: string): { [key: string]: string } {
    // Key order is output order where cdk8s does not sort (JSON patches): keep it sorted.
    return {
      [AppLabels.COMPONENT]: componentName,
      [AppLabels.INSTANCE]: this.instance,
      [AppLabels.NAME]: this.name,
    };
  }

  /** The ExternalSecrets of the app (from `SecretRef.fromExternalSecret`), in creation order. */
  public get externalSecrets(): ExternalSecret[] {
    return [...this.externalSecretsByName.values()];
  }

  /**
   * The app's ExternalSecret for `ref` (one per Secret name, shared by the components that
   * read it), with `ref`'s key added. Components call this for `SecretRef.fromExternalSecret`.
   * @param requester the construct asking, for error messages
   */
  public externalSecretFor(ref: SecretRef, requester: IConstruct): ExternalSecret {
    const source = ref.external;
    if (!source) {
      throw propError(requester, 'secret', 'is not an external secret', ref.secretName, 'use SecretRef.fromExternalSecret');
    }
    let secret = this.externalSecretsByName.get(ref.secretName);
    if (!secret) {
      secret = new ExternalSecret(this, `ExternalSecret-${ref.secretName}`, {
        secretName: ref.secretName,
        storeName: source.storeName,
        storeKind: source.storeKind,
        refreshInterval: source.refreshInterval,
        apiVersion: this.externalSecretApiVersion,
      });
      this.externalSecretsByName.set(ref.secretName, secret);
    } else {
      const kind = source.storeKind ?? SecretStoreKind.CLUSTER_SECRET_STORE;
      const first = refreshIntervalString(secret, 'refreshInterval', secret.refreshInterval);
      const refresh = source.refreshInterval === undefined ? first : refreshIntervalString(requester, `secret ${JSON.stringify(ref.secretName)} refreshInterval`, source.refreshInterval);
      if (secret.storeName !== source.storeName || secret.storeKind !== kind || first !== refresh) {
        throw propError(requester, `secret ${JSON.stringify(ref.secretName)} store`,
          `differs from the one given at ${secret.node.path} (${secret.storeKind} ${JSON.stringify(secret.storeName)}, refresh ${first})`,
          `${kind} ${source.storeName}, refresh ${refresh}`, 'give every key of one Secret the same store and refresh interval');
      }
    }
    secret.addKey({ key: ref.key, remoteKey: source.remoteKey, remoteProperty: source.remoteProperty }, requester);
    return secret;
  }

  private annotateObjects(): string[] {
    // A component's own labels and annotations first: they win over the app's.
    for (const component of this.components) {
      component.applyObjectMetadata();
    }
    if (Object.keys(this.annotations).length === 0) {
      return [];
    }
    for (const o of this.node.findAll()) {
      if (ApiObject.isApiObject(o) && Chart.of(o) === this) {
        const own: { [key: string]: unknown } = o.metadata.toJson().annotations ?? {};
        for (const [key, value] of Object.entries(this.annotations)) {
          if (!(key in own)) {
            o.metadata.addAnnotation(key, value);
          }
        }
      }
    }
    return [];
  }

  /**
   * Adds a component; its name must be unique in the app because it is part of every object
   * name and selector. Components call this when they are created.
   */
  public registerComponent(component: Component): void {
    const existing = this.componentsByName.get(component.componentName);
    if (existing) {
      throw propError(component, 'name', `is already used by ${existing.node.path}`, component.componentName,
        'component names must be unique within an app: give this component another name');
    }
    this.componentsByName.set(component.componentName, component);
    this.environment?.registerComponent(this.name, component.componentName);
  }
}

function checkUserLabels(chart: AppChart, labels: { readonly [key: string]: string }): void {
  for (const [key, value] of Object.entries(labels)) {
    if (RECOMMENDED_LABELS.includes(key)) {
      throw propError(chart, `labels ${JSON.stringify(key)}`, 'would override a recommended label that the app sets itself', value,
        `remove it: set name, version, partOf or instance on the AppChart (or version on a component) instead, or use another key such as "acme.example/${key.slice(key.indexOf('/') + 1)}"`);
    }
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0) {
      throw propError(chart, 'labels key', `is not a valid label key (${keyErrors.join('; ')})`, key, 'use a key like "team" or "acme.example/cost-center"');
    }
    const valueErrors = typeof value === 'string' ? isValidLabelValue(value) : ['must be a string'];
    if (valueErrors.length > 0) {
      throw propError(chart, `labels ${JSON.stringify(key)}`, `is not a valid label value (${valueErrors.join('; ')})`, value, 'use at most 63 letters, digits, "-", "_" or "."');
    }
  }
}

function checkAnnotations(chart: AppChart, annotations: { readonly [key: string]: string }): { [key: string]: string } {
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const keyErrors = isQualifiedName(key.toLowerCase());
    if (keyErrors.length > 0) {
      throw propError(chart, 'annotations key', `is not a valid annotation key (${keyErrors.join('; ')})`, key, 'use a key like "acme.example/owner"');
    }
    if (typeof value !== 'string') {
      throw propError(chart, `annotations ${JSON.stringify(key)}`, 'must be a string', value, 'quote the value');
    }
    size += goLen(key) + goLen(value);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    throw propError(chart, 'annotations', `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes in total`, `${size} bytes`, 'shorten the annotations');
  }
  return { ...annotations };
}
