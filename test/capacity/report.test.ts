import { CapacityPlan } from '../../lib/capacity/plan';
import { formatPercent, renderCapacityMarkdown } from '../../lib/capacity/report-markdown';
import { escapeXml, renderCapacitySvg, utilisationBand } from '../../lib/capacity/report-svg';
import { fixturePlan } from '../fixtures/capacity/plan';

/**
 * Minimal XML well-formedness check (no dependency): every tag balanced and properly nested,
 * attribute values quoted, no raw `<` or stray `&` in text or attributes.
 */
function expectWellFormedXml(xml: string): void {
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g;
  const stack: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml)) !== null) {
    if (m[2] === undefined) {
      throw new Error(`not well-formed at offset ${m.index}: ${JSON.stringify(xml.slice(m.index, m.index + 40))}`);
    }
    for (const attr of m[3].matchAll(/="([^"]*)"/g)) {
      expect(attr[1]).not.toMatch(/[<]|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    }
    if (m[1] === '/') {
      expect(stack.pop()).toBe(m[2]);
    } else if (m[4] !== '/') {
      stack.push(m[2]);
    }
  }
  expect(stack).toEqual([]);
}

describe('renderCapacityMarkdown', () => {
  test('renders the fixture plan', () => {
    // GIVEN a plan with two pools, an unplaced surge pod, a failing N+1 scenario and a warning
    // WHEN
    const md = renderCapacityMarkdown(fixturePlan, { title: 'Capacity: production' });

    // THEN
    expect(md).toMatchSnapshot();
    expect(md.startsWith('# Capacity: production\n\n**Does not fit**: 2 failures, 1 pod not placed; 14 pods placed on 4 nodes in 2 pools.\n')).toBe(true);
    expect(md).toContain('Budget: surge `largest-rollout`, headroom N+1, missing requests `warning`.');
    // pool table: resource | requested | allocatable | %
    expect(md).toContain('## Pool general (3 nodes)\n\n| resource | requested | allocatable | % |\n|:--|--:|--:|--:|\n| cpu | 11500m | 12 | 95.8% |\n| memory | 12Gi | 48Gi | 25.0% |\n| pods | 12 | 330 | 3.6% |');
    // pods per node, grouped by workload with the longest matching workload id
    expect(md).toContain('| general-2 | 4 / 110 | 3800m / 4 (95.0%) | 4Gi / 16Gi (25.0%) | monitoring/node-exporter, shop/storefront ×2, shop/storefront-api |');
    expect(md).toContain('| gpu-1 (cordoned, tainted dedicated=gpu:NoSchedule) | 2 / 110 |');
    // replica budget with its source and surge
    expect(md).toContain('| shop/storefront | Deployment | 5 | HorizontalPodAutoscaler shop/storefront maxReplicas | +1 surge (maxSurge 25%) | cpu 1, memory 1Gi | 5 / 6 |');
    expect(md).toContain('| monitoring/node-exporter | DaemonSet | 3 | one per eligible node (3 of 4) | — |');
    // unplaced pods with the scheduler's message
    expect(md).toContain('## Unplaced pods (1)\n\n- `shop/storefront-6` (surge): shop/storefront (Deployment, replica 6 of 6): 0/4 nodes are available: 3 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.');
    // headroom
    expect(md).toContain('| general | general-3 | **no** | 112.5% ⚠ | 28.1% | 1 |');
    expect(md).toContain('| gpu | gpu-1 | yes | 95.8% | 25.0% | 0 |');
    // a `|` inside a cell is escaped, so the table keeps its columns
    expect(md).toContain('counts it as 0 \\| set resources.requests |');
    expect(md.endsWith('|\n')).toBe(true);
  });

  test('is deterministic and does not mutate the plan', () => {
    const before = JSON.stringify(fixturePlan);
    expect(renderCapacityMarkdown(fixturePlan)).toBe(renderCapacityMarkdown(JSON.parse(before) as CapacityPlan));
    expect(JSON.stringify(fixturePlan)).toBe(before);
  });

  test('a plan that fits has no failure sections', () => {
    const fits: CapacityPlan = { ...fixturePlan, fits: true, failures: [], unplaced: [], headroom: [], problems: [], settings: { ...fixturePlan.settings, headroom: 0 } };
    const md = renderCapacityMarkdown(fits);
    expect(md).toContain('**Fits**: 14 pods placed on 4 nodes in 2 pools.');
    expect(md).toContain('headroom none');
    expect(md).not.toContain('## Failures');
    expect(md).not.toContain('## Unplaced');
    expect(md).not.toContain('## Headroom');
    expect(md).not.toContain('## Problems');
  });

  test.each([
    [{ percent: 62.5, requested: 1, fits: true }, '62.5%'],
    [{ percent: 0, requested: 0, fits: true }, '0.0%'],
    [{ percent: 100, requested: 1, fits: true }, '100.0%'],
    [{ percent: null, requested: 0, fits: true }, '—'],
    [{ percent: null, requested: 5, fits: false }, 'n/a'],
  ])('formatPercent(%j) = %s', (u, expected) => {
    expect(formatPercent({ resource: 'cpu', allocatable: 0, requestedText: '', allocatableText: '', ...u })).toBe(expected);
  });
});

describe('renderCapacitySvg', () => {
  test('renders the fixture plan', () => {
    // WHEN
    const svg = renderCapacitySvg(fixturePlan, { title: 'production <&> "nodes"' });

    // THEN
    expect(svg).toMatchSnapshot();
    expectWellFormedXml(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="174" ')).toBe(true);
    expect(svg).toContain('>production &lt;&amp;&gt; &quot;nodes&quot;</text>');
    // one bar per node per resource: 4 nodes × (cpu, memory)
    expect(svg.match(/class="bg"/g)).toHaveLength(8);
    // general-1 cpu at 95.0% → 190 of 200 px, "nearly full" band
    expect(svg).toContain('<rect x="190" y="70" width="200" height="12" class="bg"/>\n<rect x="190" y="70" width="190" height="12" class="u2"/>\n<text x="194" y="80" class="v">3800m / 4 (95.0%)</text>');
    // memory at 28.1% → 56 px, comfortable band
    expect(svg).toContain('<rect x="420" y="70" width="200" height="12" class="bg"/>\n<rect x="420" y="70" width="56" height="12" class="u0"/>\n<text x="424" y="80" class="v">4608Mi / 16Gi (28.1%)</text>');
    expect(svg).toContain('>gpu-1 (cordoned)</text>');
    expect(svg).toContain('class="x">does not fit: 1 pod not placed</text>');
    expect(Buffer.byteLength(svg)).toBeLessThan(5 * 1024);
  });

  test('is deterministic', () => {
    expect(renderCapacitySvg(fixturePlan)).toBe(renderCapacitySvg(JSON.parse(JSON.stringify(fixturePlan)) as CapacityPlan));
  });

  test.each([
    [0, 0, 'u0'],
    [69.9, 1, 'u0'],
    [70, 1, 'u1'],
    [89.9, 1, 'u1'],
    [90, 1, 'u2'],
    [100, 1, 'u2'],
    [100.1, 1, 'u3'],
    [null, 0, 'u0'],
    [null, 3, 'u3'],
  ])('utilisationBand(%p, %p) = %s', (percent, requested, band) => {
    expect(utilisationBand(percent, requested)).toBe(band);
  });

  test('escapeXml escapes markup and drops control characters', () => {
    expect(escapeXml('a<b>&"c\'\u0001d')).toBe('a&lt;b&gt;&amp;&quot;c&apos;d');
  });

  test('fails the well-formedness check on broken XML (the check itself can fail)', () => {
    expect(() => expectWellFormedXml('<svg><text>a < b</text></svg>')).toThrow();
    expect(() => expectWellFormedXml('<svg><g></svg>')).toThrow();
  });
});
