// cpuMillis and memoryMebibytes parse with the resource.ParseQuantity port
// (lib/kubernetes/quantity.ts, Kubernetes 1.27) and keep only what cdk8s-plus renders exactly.
import { cpuMillis, memoryMebibytes } from '../../lib/app/private/container-resources';

describe('cpuMillis', () => {
  test.each([
    ['250m', 250],
    ['0.5', 500],
    ['2', 2000],
    ['1.25', 1250],
    ['1e3', 1_000_000], // any quantity form ParseQuantity takes: 1000 cores
    ['2k', 2_000_000],
    [' 1', undefined], // ParseQuantity does not trim
    ['250 m', undefined],
    ['1 core', undefined],
    ['0.0005', undefined], // half a millicore: not renderable exactly
    ['100u', undefined],
    ['-1', undefined],
    ['0', 0],
  ])('%p → %p', (value, want) => {
    expect(cpuMillis(value)).toBe(want);
  });
});

describe('memoryMebibytes', () => {
  test.each([
    ['256Mi', 256],
    ['2Gi', 2048],
    ['1Ti', 1024 * 1024],
    ['1048576', 1], // 1Mi written in bytes
    ['2048Ki', 2],
    ['1G', undefined], // 10^9 bytes is not a whole number of MiB
    ['256M', undefined],
    ['1GB', undefined],
    ['1Mb', undefined],
    ['-1Gi', undefined],
    ['1.5Mi', undefined],
  ])('%p → %p', (value, want) => {
    expect(memoryMebibytes(value)).toBe(want);
  });
});
