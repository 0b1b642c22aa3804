export * from './plan';
export * from './plan-scope';
export * from './report-markdown';
export * from './report-svg';
export * from './capacity-check';
export * from './matchers';
