export * from './scheduler';
export * from './manifests';
export * from './app';
export * from './guardrails';
export * from './capacity';
export * from './synth';
export * from './gitops';
