export * from './manifest-source';
export * from './manifest-error';
export * from './node-pool';
