import { EmptyDirMedium, PersistentVolumeAccessMode } from 'cdk8s-plus-27';

/** Kinds of volume a `Mount` brings. */
export enum MountKind {
  EMPTY_DIR = 'emptyDir',
  SECRET = 'secret',
  CONFIG_MAP = 'configMap',
  /** An existing PersistentVolumeClaim. */
  CLAIM = 'claim',
  /** A PersistentVolumeClaim the component creates. */
  NEW_CLAIM = 'newClaim',
}

export interface EmptyDirMountOptions {
  /**
   * Most the volume may hold: a whole number of Mi, Gi or Ti (`1Gi`). With `EmptyDirMedium.MEMORY`
   * it counts against the pod's memory limit.
   * @default - no limit
   */
  readonly sizeLimit?: string;
  /**
   * `EmptyDirMedium.MEMORY` for a tmpfs.
   * @default EmptyDirMedium.DEFAULT (the node's disk)
   */
  readonly medium?: EmptyDirMedium;
}

export interface MountPathOptions {
  /**
   * Mount read-only (Secret and ConfigMap mounts always are).
   * @default false
   */
  readonly readOnly?: boolean;
}

export interface NewClaimOptions extends MountPathOptions {
  /** Size of the volume: a positive quantity (`20Gi`, `20G`), written as given. */
  readonly size: string;
  /**
   * StorageClass of the volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Access modes.
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: PersistentVolumeAccessMode[];
}

/**
 * A volume mounted into the component's main container. The volume name (a DNS-1123 label,
 * unique in the pod) comes first, then the absolute mount path.
 *
 * @example
 * mounts: [
 *   Mount.emptyDir('cache', '/var/cache/app', { sizeLimit: '2Gi' }),
 *   Mount.secret('tls', '/etc/tls', 'shop-api-tls'),
 *   Mount.newClaim('uploads', '/srv/uploads', { size: '20Gi', accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY] }),
 * ]
 */
export class Mount {
  /** A scratch directory that lives as long as the pod. */
  public static emptyDir(name: string, path: string, options: EmptyDirMountOptions & MountPathOptions = {}): Mount {
    return new Mount(MountKind.EMPTY_DIR, name, path, { ...options });
  }

  /** The keys of an existing Secret as files (read-only). The Secret is declared external to the guardrails. */
  public static secret(name: string, path: string, secretName: string): Mount {
    return new Mount(MountKind.SECRET, name, path, { readOnly: true }, secretName);
  }

  /** The keys of an existing ConfigMap as files (read-only). The ConfigMap is declared external to the guardrails. */
  public static configMap(name: string, path: string, configMapName: string): Mount {
    return new Mount(MountKind.CONFIG_MAP, name, path, { readOnly: true }, configMapName);
  }

  /** An existing PersistentVolumeClaim. */
  public static claim(name: string, path: string, claimName: string, options: MountPathOptions = {}): Mount {
    return new Mount(MountKind.CLAIM, name, path, { ...options }, claimName);
  }

  /** A PersistentVolumeClaim `<app>-<component>-<name>` the component creates. */
  public static newClaim(name: string, path: string, options: NewClaimOptions): Mount {
    return new Mount(MountKind.NEW_CLAIM, name, path, { ...options });
  }

  private constructor(
    public readonly kind: MountKind,
    /** The volume name in the pod. */
    public readonly name: string,
    /** The mount path in the container. */
    public readonly path: string,
    /** The options given to the factory. */
    public readonly options: EmptyDirMountOptions & Partial<NewClaimOptions>,
    /** The Secret, ConfigMap or claim name, for `secret`, `configMap` and `claim`. */
    public readonly sourceName?: string,
  ) {}
}
