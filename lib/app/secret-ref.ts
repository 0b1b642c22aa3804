import { Duration } from 'cdk8s';

/** Kind of the external-secrets store an `ExternalSecret` reads from. */
export enum SecretStoreKind {
  /** A store in the app's namespace. */
  SECRET_STORE = 'SecretStore',
  /** A store shared by the whole cluster. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** Where an external-secrets `ExternalSecret` fetches one key of a Secret. */
export interface ExternalSecretOptions {
  /** Name of the SecretStore or ClusterSecretStore. */
  readonly storeName: string;
  /**
   * Kind of the store.
   * @default SecretStoreKind.CLUSTER_SECRET_STORE
   */
  readonly storeKind?: SecretStoreKind;
  /** Key of the value in the external store, e.g. a Vault path `shop/db`. */
  readonly remoteKey: string;
  /**
   * Property inside the remote value (for stores holding JSON objects).
   * @default - the whole remote value
   */
  readonly remoteProperty?: string;
  /**
   * How often the operator re-reads the store.
   * @default Duration.hours(1)
   */
  readonly refreshInterval?: Duration;
}

/**
 * A reference to one key of a Secret that is not in `dist/`: only its name and key reach the
 * output, never a value.
 *
 * @example
 * secretEnv: {
 *   DB_PASSWORD: SecretRef.of('shop-db', 'password'),
 *   PAYMENT_API_KEY: SecretRef.fromExternalSecret('shop-payment', 'api-key', { storeName: 'vault', remoteKey: 'shop/payment' }),
 * }
 */
export class SecretRef {
  /**
   * One key of an existing Secret in the component's namespace (created by hand, by
   * sealed-secrets, a CSI driver, …).
   * @param secretName the Secret's `metadata.name`
   * @param key the key inside the Secret's `data`
   */
  public static of(secretName: string, key: string): SecretRef {
    return new SecretRef(secretName, key, undefined);
  }

  /**
   * One key of a Secret that the external-secrets operator creates from an external store:
   * the app gets an `ExternalSecret` (external-secrets.io/v1 unless the AppChart's
   * `externalSecretApiVersion` says otherwise) named `secretName`, whose
   * entry `key` is read from `remoteKey` in the store.
   */
  public static fromExternalSecret(secretName: string, key: string, options: ExternalSecretOptions): SecretRef {
    return new SecretRef(secretName, key, { ...options });
  }

  private constructor(
    /** The Secret's name. */
    public readonly secretName: string,
    /** The key inside the Secret. */
    public readonly key: string,
    /** Where the external-secrets operator reads it; undefined for an existing Secret. */
    public readonly external: ExternalSecretOptions | undefined,
  ) {}
}
