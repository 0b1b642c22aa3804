/** Named container sizes. Exact values are documented on `Resources.preset`. */
export enum ResourcePreset {
  /** 100m CPU, 128Mi memory (memory limit 128Mi). Sidecars, small workers. */
  SMALL = 'small',
  /** 500m CPU, 512Mi memory (memory limit 512Mi). Typical web services. */
  MEDIUM = 'medium',
  /** 2 CPU, 2Gi memory (memory limit 2Gi). Databases, heavy APIs. */
  LARGE = 'large',
}

export interface ResourcesOptions {
  /**
   * CPU request: any Kubernetes quantity of 0 or more, e.g. millicores (`250m`) or cores (`0.5`, `2`);
   * a whole number of millicores is written as cdk8s-plus writes it (`500m`, `2`), any other as
   * given (`100u`, `0.0001`: the scheduler counts it rounded up to whole millicores).
   */
  readonly cpu: string;
  /**
   * Memory request: a quantity of 0 or more (`256Mi`, `2Gi`, `1G`); a whole number of MiB is written in `Mi`, any other as given.
   */
  readonly memory: string;
  /**
   * CPU limit, same format as `cpu`, at least the request.
   * @default - no CPU limit (a CPU limit throttles a container even on an idle node)
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit, same format as `memory`, at least the request.
   * @default - no memory limit
   */
  readonly memoryLimit?: string;
  /**
   * Extended resources (device plugins), e.g. `{ 'nvidia.com/gpu': '1' }`: a domain-prefixed
   * name outside `kubernetes.io/` and a whole-number quantity. Kubernetes does not overcommit
   * them, so each is written as both request and limit. Needs `memory` to be stated.
   * @default - no extended resources
   */
  readonly extended?: { readonly [name: string]: string };
  /**
   * Huge pages by page size, e.g. `{ '2Mi': '100Mi' }` for `hugepages-2Mi: 100Mi`: a whole number
   * of pages. Kubernetes does not overcommit them, so each is written as both request and limit;
   * nodes offer them as `hugepages-<size>` in their allocatable.
   * @default - no huge pages
   */
  readonly hugepages?: { readonly [pageSize: string]: string };
}

const PRESETS: { readonly [preset: string]: ResourcesOptions } = {
  [ResourcePreset.SMALL]: { cpu: '100m', memory: '128Mi', memoryLimit: '128Mi' },
  [ResourcePreset.MEDIUM]: { cpu: '500m', memory: '512Mi', memoryLimit: '512Mi' },
  [ResourcePreset.LARGE]: { cpu: '2', memory: '2Gi', memoryLimit: '2Gi' },
};

/**
 * What a container requests (and optionally is limited to). Every component states it: there
 * is no silent default. Values are checked by the component that uses them, so the error
 * names the construct path.
 */
export class Resources {
  /** Explicit requests, e.g. `Resources.of({ cpu: '250m', memory: '256Mi' })`. */
  public static of(options: ResourcesOptions): Resources {
    if (typeof options !== 'object' || options === null) {
      throw new Error(`Resources.of: options are required, got ${String(options)}: pass e.g. Resources.of({ cpu: '250m', memory: '256Mi' })`);
    }
    return new Resources(options.cpu, options.memory, options.cpuLimit, options.memoryLimit,
      copyMap(options.extended), copyMap(options.hugepages));
  }

  /**
   * A named size:
   * - `SMALL`: cpu 100m, memory 128Mi, memory limit 128Mi
   * - `MEDIUM`: cpu 500m, memory 512Mi, memory limit 512Mi
   * - `LARGE`: cpu 2, memory 2Gi, memory limit 2Gi
   *
   * Presets set no CPU limit (CPU is compressible: a limit only throttles) and a memory limit
   * equal to the request (memory is not: a pod using more than it asked for is what the
   * kernel kills first when the node runs short).
   */
  public static preset(preset: ResourcePreset): Resources {
    const options = PRESETS[preset];
    if (!options) {
      throw new Error(`Resources.preset: unknown preset ${JSON.stringify(preset)}: use ResourcePreset.SMALL, MEDIUM or LARGE`);
    }
    return Resources.of(options);
  }

  private constructor(
    /** CPU request as given, e.g. `250m`. */
    public readonly cpu: string,
    /** Memory request as given, e.g. `256Mi`. */
    public readonly memory: string,
    /** CPU limit as given, if any. */
    public readonly cpuLimit?: string,
    /** Memory limit as given, if any. */
    public readonly memoryLimit?: string,
    /** Extended resources as given (request = limit), if any. */
    public readonly extended?: { readonly [name: string]: string },
    /** Huge pages by page size as given (request = limit), if any. */
    public readonly hugepages?: { readonly [pageSize: string]: string },
  ) {}
}

/**
 * A copy of a name: quantity map; anything else (a list or a string, from JavaScript) as given,
 * so the component's check names it (spreading '2Mi' made { 0: '2', 1: 'M', 2: 'i' }, reported
 * as a page size "0").
 */
function copyMap<T>(map: T | undefined): T | undefined {
  return typeof map === 'object' && map !== null && !Array.isArray(map) ? { ...map } : map;
}
