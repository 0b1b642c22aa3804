// Preload (`node --require`) used when /usr/bin/time is missing: every node process of the
// measured tree appends `<peak RSS KiB> <user s> <system s>` (GNU time's '%M %U %S') to
// $APPKIT_BENCH_RSS_FILE when it exits.
'use strict';
const fs = require('fs');

const file = process.env.APPKIT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const u = process.resourceUsage();
      fs.appendFileSync(file, `${u.maxRSS} ${(u.userCPUTime / 1e6).toFixed(3)} ${(u.systemCPUTime / 1e6).toFixed(3)}\n`);
    } catch {
      // Never make the measured process fail because of the probe.
    }
  });
}
