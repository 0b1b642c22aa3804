// Preload (`node --require`) used when /usr/bin/time is missing: every node process of the
// measured tree appends its own peak RSS (KiB) to $APPKIT_BENCH_RSS_FILE when it exits.
'use strict';
const fs = require('fs');

const file = process.env.APPKIT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Never make the measured process fail because of the probe.
    }
  });
}
