// In-process capacity probe: parses the benchmark's nodes and workloads YAML (not timed), then
// runs planCapacity on them `iterations` times. Prints one JSON line:
// { iterations: [wall ms...], cpu: [user + system ms...], fits, placed, unplaced, nodes }.
// usage: node -r ts-node/register/transpile-only bench/probes/in-process-capacity.ts <lib/index> <nodes.yaml> <workloads.yaml> <iterations>
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import type * as Lib from '../../lib/capacity-api';

function readDocuments(file: string): Record<string, unknown>[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
}

function probe(libIndex: string, nodesFile: string, workloadsFile: string, iterations: number): void {
  const lib = require(libIndex) as typeof Lib;
  const nodes = readDocuments(nodesFile) as unknown as NonNullable<Lib.CapacityPlanInput['nodes']>;
  const manifests = readDocuments(workloadsFile) as unknown as Lib.ManifestObject[];
  const times: number[] = [];
  const cpu: number[] = [];
  let plan: Lib.CapacityPlan | undefined;
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    plan = lib.planCapacity({ manifests, nodes });
    const used = process.cpuUsage(cpuStart);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.push((used.user + used.system) / 1000);
  }
  const placed = plan ? plan.workloads.reduce((n, w) => n + w.placed, 0) : 0;
  process.stdout.write(`${JSON.stringify({
    iterations: times, cpu, fits: plan?.fits, placed, unplaced: plan?.unplaced.length, nodes: nodes.length,
    failures: plan?.failures.slice(0, 3),
  })}\n`);
}

const [libIndex, nodesFile, workloadsFile, iterations] = process.argv.slice(2);
if (!libIndex || !nodesFile || !workloadsFile) {
  throw new Error('usage: in-process-capacity.ts <lib/index> <nodes.yaml> <workloads.yaml> [iterations]');
}
probe(libIndex, nodesFile, workloadsFile, Number(iterations ?? '1'));
