// What every section of the report receives and returns.
import { BenchOptions } from '../lib/options';
import { Workspace } from '../lib/workspace';

export interface BenchContext {
  readonly repoRoot: string;
  readonly workspace: Workspace;
  readonly options: BenchOptions;
  /** Progress on stderr (the tables go to stdout). */
  log(message: string): void;
}

/** One issue target: measured value, goal, met (undefined when it could not be measured). */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly goal: string;
  readonly met: boolean | undefined;
}

export interface SectionResult {
  readonly title: string;
  /** Markdown: tables and notes. */
  readonly body: string;
  readonly checks: TargetCheck[];
  /** Raw figures for .bench/results.json. */
  readonly data: unknown;
}

/** A measurement that failed: its message stands in the table cell's place. */
export interface Failure {
  readonly error: string;
}

export function isFailure(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && 'error' in x;
}

/** Runs `f`; a thrown error becomes a Failure with its first lines. */
export function attempt<T>(f: () => T): T | Failure {
  try {
    return f();
  } catch (e) {
    return { error: (e instanceof Error ? e.message : String(e)).trim() };
  }
}

/** First line of a failure, for a table cell. */
export function failureCell(f: Failure): string {
  const lines = f.error.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const firstError = lines.find((l) => /^error|Error:/.test(l)) ?? lines[lines.length - 1] ?? 'failed';
  return `failed: ${firstError.slice(0, 120)}`;
}
