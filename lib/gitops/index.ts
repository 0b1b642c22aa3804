export * from './gitops-tool';
export * from './gitops';
export * from './sync-order';
