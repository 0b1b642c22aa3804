// In-process synth probe: loads a generated main.ts (module load not timed), then builds and
// synthesizes its app `iterations` times in this one process, timing construction and synth
// separately. Prints one JSON line: { loadMs, iterations: [{ constructMs, synthMs, cpuMs }] }
// (cpuMs: user + system time of construct + synth).
// usage: node -r ts-node/register/transpile-only bench/probes/in-process-synth.ts <main.ts> <outdir> <iterations>
import * as fs from 'fs';

interface SynthesizableApp {
  synth(): unknown;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function probe(mainFile: string, outdir: string, iterations: number): void {
  const loadStart = now();
  const mod = require(mainFile) as { buildApp(outdir?: string): SynthesizableApp };
  const loadMs = now() - loadStart;
  const results: { constructMs: number; synthMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < iterations; i++) {
    fs.rmSync(outdir, { recursive: true, force: true });
    const cpuStart = process.cpuUsage();
    const t0 = now();
    const app = mod.buildApp(outdir);
    const t1 = now();
    app.synth();
    const t2 = now();
    const cpu = process.cpuUsage(cpuStart);
    results.push({ constructMs: t1 - t0, synthMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  process.stdout.write(`${JSON.stringify({ loadMs, iterations: results })}\n`);
}

const [mainFile, outdir, iterations] = process.argv.slice(2);
if (!mainFile || !outdir) {
  throw new Error('usage: in-process-synth.ts <main.ts> <outdir> [iterations]');
}
probe(mainFile, outdir, Number(iterations ?? '1'));
