export * from './session';
export * from './collect';
export * from './synth-error';
export * from './render';
export * from './warnings';
export * from './artifacts';
export * from './atomic-dir';
export * from './synthesize-app';
