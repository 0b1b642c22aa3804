export * from './types';
export * from './quantity';
export * from './pod-requests';
export * from './node-fit';
