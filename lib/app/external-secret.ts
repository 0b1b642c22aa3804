import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ExternalSecretSpec, ExternalSecretSpecData, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy,
  toJson_ExternalSecretSpec,
} from '../../imports/external-secrets.io';
import { propError } from './private/errors';
import { checkConfigMapKey, checkDns1123Subdomain } from './private/validation';
import { SecretStoreKind } from './secret-ref';
import { refreshIntervalString } from './private/durations';

/**
 * API version of the ExternalSecrets written. External Secrets Operator serves `v1` and
 * stopped serving `v1beta1` in v0.17.0; pick `V1BETA1` only for an older operator.
 */
export enum ExternalSecretApiVersion {
  /** `external-secrets.io/v1` (operator v0.16 and later). */
  V1 = 'external-secrets.io/v1',
  /** `external-secrets.io/v1beta1` (operators before v0.17.0). */
  V1BETA1 = 'external-secrets.io/v1beta1',
}

export interface ExternalSecretProps {
  /** Name of the Secret the operator creates (and of this ExternalSecret). */
  readonly secretName: string;
  /** Name of the SecretStore or ClusterSecretStore. */
  readonly storeName: string;
  /**
   * Kind of the store.
   * @default SecretStoreKind.CLUSTER_SECRET_STORE
   */
  readonly storeKind?: SecretStoreKind;
  /**
   * How often the operator re-reads the store: any Duration, written as the Go duration
   * External Secrets Operator reads and writes back (`1h0m0s`, `90s` → `1m30s`, `500ms`);
   * `Duration.seconds(0)` disables periodic refresh (the Secret is fetched when the
   * ExternalSecret is created or changed).
   * @default Duration.hours(1)
   */
  readonly refreshInterval?: Duration;
  /**
   * API version of the object. The spec fields written are the same in both versions.
   * @default ExternalSecretApiVersion.V1
   */
  readonly apiVersion?: ExternalSecretApiVersion;
}

/** One entry of an ExternalSecret: a Secret key and where its value comes from. */
export interface ExternalSecretKey {
  readonly key: string;
  readonly remoteKey: string;
  readonly remoteProperty?: string;
}

/**
 * An external-secrets.io `ExternalSecret`: the operator reads values from an external store
 * (Vault, a cloud secret manager, …) and writes them into a Secret in the cluster, so the
 * values never pass through `dist/`. Created by `AppChart` for `SecretRef.fromExternalSecret`.
 */
export class ExternalSecret extends Construct {
  public readonly secretName: string;
  public readonly storeName: string;
  public readonly storeKind: SecretStoreKind;
  public readonly refreshInterval: Duration;
  public readonly apiVersion: ExternalSecretApiVersion;
  public readonly apiObject: ApiObject;
  /** `refreshInterval` as written to the spec, a Go duration string (`1h0m0s`). */
  private readonly refreshIntervalText: string;
  private readonly entries = new Map<string, ExternalSecretKey>();

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    if (typeof props !== 'object' || props === null) {
      throw propError(this, 'props', 'are required', props, 'pass at least { secretName, storeName, key, remoteKey }');
    }
    checkDns1123Subdomain(this, 'secretName', props.secretName, 'use a Secret name like "shop-db"');
    checkDns1123Subdomain(this, 'storeName', props.storeName, 'use the name of a SecretStore or ClusterSecretStore');
    this.secretName = props.secretName;
    this.storeName = props.storeName;
    this.storeKind = props.storeKind ?? SecretStoreKind.CLUSTER_SECRET_STORE;
    this.refreshInterval = props.refreshInterval ?? Duration.hours(1);
    this.refreshIntervalText = refreshIntervalString(this, 'refreshInterval', this.refreshInterval);
    this.apiVersion = props.apiVersion ?? ExternalSecretApiVersion.V1;
    if (!Object.values(ExternalSecretApiVersion).includes(this.apiVersion)) {
      throw propError(this, 'apiVersion', 'is not a served ExternalSecret API version', this.apiVersion, 'use ExternalSecretApiVersion.V1');
    }
    // A plain ApiObject rather than the generated class, whose toJson() pins apiVersion to v1;
    // the spec is typed and serialized by the generated code (imports/external-secrets.io.ts).
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.apiVersion,
      kind: 'ExternalSecret',
      metadata: { name: this.secretName },
      spec: Lazy.any({ produce: () => toJson_ExternalSecretSpec(this.renderSpec()) }),
    });
  }

  /** The keys, sorted. */
  public get keys(): ExternalSecretKey[] {
    return [...this.entries.keys()].sort().map((k) => this.entries.get(k)!);
  }

  /**
   * Adds one key; adding the same key again with the same source is a no-op (several
   * components may read one Secret), with another source an error.
   * @param requester the construct asking, for error messages
   */
  public addKey(entry: ExternalSecretKey, requester: Construct = this): void {
    checkConfigMapKey(requester, `secret ${JSON.stringify(this.secretName)} key`, entry.key, 'use a key like "password"');
    if (typeof entry.remoteKey !== 'string' || entry.remoteKey.length === 0) {
      throw propError(requester, `secret ${JSON.stringify(this.secretName)} remoteKey`, 'must not be empty', entry.remoteKey,
        'name the value in the store, e.g. "shop/db"');
    }
    const existing = this.entries.get(entry.key);
    if (existing && (existing.remoteKey !== entry.remoteKey || existing.remoteProperty !== entry.remoteProperty)) {
      throw propError(requester, `secret ${JSON.stringify(this.secretName)} key ${JSON.stringify(entry.key)}`,
        `is already read from ${JSON.stringify(existing.remoteKey)}${existing.remoteProperty ? ` property ${JSON.stringify(existing.remoteProperty)}` : ''}`,
        entry.remoteKey, 'read each key of a Secret from one place');
    }
    this.entries.set(entry.key, { ...entry });
  }

  private renderSpec(): ExternalSecretSpec {
    const data: ExternalSecretSpecData[] = this.keys.map((e) => ({
      remoteRef: e.remoteProperty === undefined ? { key: e.remoteKey } : { key: e.remoteKey, property: e.remoteProperty },
      secretKey: e.key,
    }));
    return {
      data,
      refreshInterval: this.refreshIntervalText,
      secretStoreRef: { kind: this.storeKind as string as ExternalSecretSpecSecretStoreRefKind, name: this.storeName },
      target: { creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER, name: this.secretName },
    };
  }
}
