/**
 * A reference to one key of a Secret that exists in the cluster but not in `dist/`: created
 * by hand, by a sealed-secrets or external-secrets controller, or by a CSI driver. Only the
 * Secret's name and key reach the output, never a value.
 *
 * @example
 * secretEnv: { DB_PASSWORD: SecretRef.of('shop-db', 'password') }
 */
export class SecretRef {
  /**
   * One key of an existing Secret in the component's namespace.
   * @param secretName the Secret's `metadata.name`
   * @param key the key inside the Secret's `data`
   */
  public static of(secretName: string, key: string): SecretRef {
    return new SecretRef(secretName, key);
  }

  private constructor(
    /** The Secret's name. */
    public readonly secretName: string,
    /** The key inside the Secret. */
    public readonly key: string,
  ) {}
}
