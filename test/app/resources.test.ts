import { ResourcePreset, Resources, Worker } from '../../lib/app';
import { only, podSpec, shopChart, synthValid } from './helpers';

describe('Resources', () => {
  test.each([
    [ResourcePreset.SMALL, { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } }],
    [ResourcePreset.MEDIUM, { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '512Mi' } }],
    [ResourcePreset.LARGE, { requests: { cpu: '2', memory: '2048Mi' }, limits: { memory: '2048Mi' } }],
  ])('preset %s renders its documented values', (preset, expected) => {
    // GIVEN
    const chart = shopChart();

    // WHEN
    new Worker(chart, 'worker', { image: 'ghcr.io/acme/w:1.0.0', resources: Resources.preset(preset) });

    // THEN
    expect(podSpec(only(synthValid(chart), 'Deployment')).containers[0].resources).toEqual(expected);
  });

  test('of keeps the given strings', () => {
    const r = Resources.of({ cpu: '250m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi' });
    expect([r.cpu, r.memory, r.cpuLimit, r.memoryLimit]).toEqual(['250m', '256Mi', '1', '512Mi']);
  });

  test.each([
    ['1.5', '1500m'], ['2', '2'], ['0.001', '1m'], ['1000m', '1'], ['250m', '250m'],
  ])('CPU %s renders canonically as %s', (cpu, rendered) => {
    const chart = shopChart();
    new Worker(chart, 'worker', { image: 'ghcr.io/acme/w:1.0.0', resources: Resources.of({ cpu, memory: '1Ti' }) });
    const resources = podSpec(only(synthValid(chart), 'Deployment')).containers[0].resources;
    expect(resources.requests).toEqual({ cpu: rendered, memory: `${1024 * 1024}Mi` });
  });

  test('fails on an unknown preset', () => {
    expect(() => Resources.preset('huge' as ResourcePreset))
      .toThrow('Resources.preset: unknown preset "huge": use ResourcePreset.SMALL, MEDIUM or LARGE');
  });
});
