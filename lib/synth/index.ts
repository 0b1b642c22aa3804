export * from './session';
export * from './collect';
