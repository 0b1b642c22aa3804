#!/usr/bin/env node
// Entry point of the `cdk8s-appkit` command; the CLI itself lives in lib/cli (compiled to build/).
'use strict';
require('../build/lib/cli/main.js').runCli(process.argv.slice(2));
