#!/usr/bin/env node
// `npm run bench` entry: the bench is TypeScript (type-checked by `npm test`'s tsc --noEmit);
// the harness itself only transpiles, every measured command runs in its own process.
'use strict';
require('ts-node').register({ transpileOnly: true, project: require('path').join(__dirname, '..', 'tsconfig.json') });
process.exitCode = require('./run.ts').runBench(process.argv.slice(2));
