// Headroom: what the cluster must survive besides running everything. Three kinds:
// - N+k: everything still fits when the k largest nodes of any one pool are lost (one scenario
//   per pool), the same k for every pool (`Headroom.nodes(1)`, or a plain number);
// - per pool: a k of its own for each pool (`Headroom.perPool({ general: 1, gpu: 0 })`), pools
//   not named get 0;
// - zone loss: everything still fits when the largest zone of any one pool is lost
//   (`Headroom.zone()`), zones read from the `topology.kubernetes.io/zone` node label.
// Plain values are accepted wherever a Headroom is (a number, a `{ pool: k }` record, 'zone'),
// so JSON input and the CLI need no classes. Pure TypeScript: loads no cdk8s.


/** Which kind of headroom a `Headroom` asks for. */
export enum HeadroomKind {
  /** The same number of largest nodes lost in each pool (N+k). */
  NODES = 'nodes',
  /** A number of largest nodes lost per pool. */
  PER_POOL = 'per-pool',
  /** The largest zone of each pool lost. */
  ZONE = 'zone',
}

/** What the cluster must still fit without. */
export class Headroom {
  /** N+k: without the k largest nodes of any one pool. `Headroom.nodes(0)` checks nothing extra. */
  public static nodes(k: number): Headroom {
    const problem = countProblem(k);
    if (problem) throw new Error(`Headroom.nodes(k): k ${problem}, got ${describe(k)}: use e.g. Headroom.nodes(1) for N+1`);
    return new Headroom(HeadroomKind.NODES, k, {});
  }

  /** Per pool: without the k largest nodes of that pool (`{ general: 1, gpu: 0 }`); pools not named: 0. */
  public static perPool(nodesByPool: Readonly<Record<string, number>>): Headroom {
    if (typeof nodesByPool !== 'object' || nodesByPool === null || Array.isArray(nodesByPool)) {
      throw new Error(`Headroom.perPool(nodesByPool) needs a { pool: nodes } object, got ${describe(nodesByPool)}: use e.g. Headroom.perPool({ general: 1 })`);
    }
    const copy: Record<string, number> = {};
    for (const [pool, k] of Object.entries(nodesByPool)) {
      const problem = countProblem(k);
      if (problem) throw new Error(`Headroom.perPool: nodes of pool ${JSON.stringify(pool)} ${problem}, got ${describe(k)}: use e.g. { ${/^[a-z0-9-]+$/.test(pool) ? pool : JSON.stringify(pool)}: 1 }`);
      copy[pool] = k;
    }
    return new Headroom(HeadroomKind.PER_POOL, 0, copy);
  }

  /** Zone loss: without the largest zone (by allocatable cpu, then memory, then nodes) of any one pool. */
  public static zone(): Headroom {
    return new Headroom(HeadroomKind.ZONE, 0, {});
  }

  /**
   * A Headroom from a plain value: a Headroom, a number (N+k), a `{ pool: k }` record or `'zone'`;
   * undefined is `Headroom.nodes(0)`. Throws an Error naming the value and the fix.
   */
  public static of(value: unknown): Headroom {
    if (value === undefined) return Headroom.nodes(0);
    if (value instanceof Headroom) return value;
    if (typeof value === 'number') return Headroom.nodes(value);
    if (value === 'zone') return Headroom.zone();
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const kind = (value as { kind?: unknown }).kind;
      // A Headroom from another copy of this package, or one that went through JSON.
      if (kind === HeadroomKind.NODES || kind === HeadroomKind.PER_POOL || kind === HeadroomKind.ZONE) {
        const h = value as { kind: HeadroomKind; count?: unknown; byPool?: Record<string, number> };
        if (kind === HeadroomKind.ZONE) return Headroom.zone();
        if (kind === HeadroomKind.NODES) return Headroom.nodes(h.count as number);
        return Headroom.perPool(h.byPool ?? {});
      }
      return Headroom.perPool(value as Record<string, number>);
    }
    throw new Error(`headroom must be a number of nodes, a { pool: nodes } object or 'zone', got ${describe(value)}: use e.g. 1, { general: 1, gpu: 0 } or 'zone'`);
  }

  /**
   * Parses the CLI form: `1` (N+1), `general=1,gpu=0` (per pool) or `zone`.
   * Throws an Error with the reason (the CLI adds the option name).
   */
  public static parse(text: string): Headroom {
    if (text === 'zone') return Headroom.zone();
    if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Headroom.nodes(Number(text));
    if (text.includes('=')) {
      const byPool: Record<string, number> = {};
      for (const part of text.split(',')) {
        const m = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)=(\d+)$/.exec(part);
        const pool = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)=(.*)$/.exec(part);
        if (pool && (!m || !Number.isSafeInteger(Number(m[3])))) {
          const limit = /^\d+$/.test(pool[3]) ? ` and at most ${Number.MAX_SAFE_INTEGER}` : '';
          throw new Error(`nodes of pool ${pool[1]} must be a whole number ≥ 0${limit}, got ${JSON.stringify(pool[3])} in ${JSON.stringify(text)}`);
        }
        if (!m) {
          throw new Error(`expected <pool>=<nodes> pairs separated by commas, got ${JSON.stringify(part)} in ${JSON.stringify(text)}`);
        }
        if (Object.prototype.hasOwnProperty.call(byPool, m[1])) {
          throw new Error(`pool ${m[1]} is given twice in ${JSON.stringify(text)}`);
        }
        byPool[m[1]] = Number(m[3]);
      }
      return Headroom.perPool(byPool);
    }
    throw new Error(`expected a whole number of nodes ≥ 0, <pool>=<nodes>,… or zone, got ${JSON.stringify(text)}`);
  }

  private constructor(
    /** Which kind of headroom. */
    public readonly kind: HeadroomKind,
    /** k of `Headroom.nodes(k)` (0 for the other kinds). */
    public readonly count: number,
    private readonly byPool: Readonly<Record<string, number>>,
  ) {}

  /** Nodes lost per pool for NODES and PER_POOL (0 for pools not named); 0 for ZONE. */
  public nodesLost(pool: string): number {
    if (this.kind === HeadroomKind.NODES) return this.count;
    if (this.kind === HeadroomKind.PER_POOL) return Object.prototype.hasOwnProperty.call(this.byPool, pool) ? this.byPool[pool] : 0;
    return 0;
  }

  /** The pools named by `perPool` (a copy), in the order given. */
  public get pools(): string[] {
    return Object.keys(this.byPool);
  }

  /** Anything to check besides the cluster as it is. */
  public get isNone(): boolean {
    if (this.kind === HeadroomKind.ZONE) return false;
    if (this.kind === HeadroomKind.NODES) return this.count === 0;
    return Object.values(this.byPool).every((k) => k === 0);
  }

  /** Plain JSON (the plan's `settings.headroom`): the number, the `{ pool: k }` record, or `'zone'`. */
  public toJSON(): number | Record<string, number> | string {
    if (this.kind === HeadroomKind.NODES) return this.count;
    if (this.kind === HeadroomKind.ZONE) return 'zone';
    return { ...this.byPool };
  }

  /** `N+1`, `general N+1, gpu N+0`, `zone loss`, `none`. */
  public toString(): string {
    if (this.kind === HeadroomKind.ZONE) return 'zone loss';
    if (this.isNone && this.kind === HeadroomKind.NODES) return 'none';
    if (this.kind === HeadroomKind.NODES) return `N+${this.count}`;
    const pools = Object.entries(this.byPool);
    return pools.length === 0 ? 'none' : pools.map(([p, k]) => `${p} N+${k}`).join(', ');
  }
}

/** `settings.headroom` of a plan as text (`N+1`, `general N+1, gpu N+0`, `zone loss`, `none`). */
export function headroomText(setting: unknown): string {
  try {
    return Headroom.of(setting).toString();
  } catch {
    return String(setting);
  }
}

function countProblem(k: unknown): string | undefined {
  return typeof k === 'number' && Number.isSafeInteger(k) && k >= 0 ? undefined : 'must be a whole number of nodes ≥ 0';
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
