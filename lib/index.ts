export * from './scheduler';
export * from './manifests';
export * from './app';
export * from './guardrails';
export * from './capacity';
export * from './synth';
// The component prop type wins over the scheduler's plain `Toleration` (same fields, stricter types).
export type { Toleration } from './app';
