export * from './rule';
export * from './policy';
export * from './check-manifests';
export * from './guardrails';
