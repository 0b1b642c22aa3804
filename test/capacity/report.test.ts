import { CapacityPlan } from '../../lib/capacity/plan';
import { formatPercent, renderCapacityMarkdown } from '../../lib/capacity/report-markdown';
import { escapeXml, middleEllipsis, renderCapacitySvg, utilisationBand } from '../../lib/capacity/report-svg';
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
    expect(md.startsWith('# Capacity: production\n\n**Does not fit**: 2 failures, 1 pod not placed; 14 pods placed on 4 nodes (3 usable by the pods: 1 cordoned) in 2 pools.\n')).toBe(true);
    expect(md).toContain('Budget: surge `largest-rollout`, headroom N+1, missing requests `warning`.');
    // pool table: resource | requested | allocatable | %
    expect(md).toContain('## Pool general (3 nodes)\n\n| resource | requested | allocatable | % |\n|:--|--:|--:|--:|\n| cpu | 11500m | 12 | 95.8% |\n| memory | 12Gi | 48Gi | 25.0% |\n| pods | 12 | 330 | 3.6% |');
    // pods per node, grouped by workload with the longest matching workload id
    expect(md).toContain('| general-2 | 4 / 110 | 3800m / 4 (95.0%) | 4Gi / 16Gi (25.0%) | monitoring/node-exporter, shop/storefront ×2, shop/storefront-api |');
    expect(md).toContain('| gpu-1 (cordoned, tainted dedicated=gpu:NoSchedule) | 2 / 110 |');
    // replica budget with its source and surge
    expect(md).toContain('| shop/storefront | Deployment | 5 | HorizontalPodAutoscaler shop/storefront maxReplicas | +1 surge (maxSurge 25%) | cpu 1, memory 1Gi | 5 / 6 | shop.yaml:7 |');
    expect(md).toContain('| monitoring/node-exporter | DaemonSet | 3 | one per eligible node (3 of 4) | — |');
    // unplaced pods with the scheduler's message
    expect(md).toContain('## Unplaced pods (1)\n\n- `shop/storefront-6` (surge) (shop.yaml:7): shop/storefront (Deployment, replica 6 of 6): 0/4 nodes are available: 3 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.');
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
    expect(md).toContain('**Fits**: 14 pods placed on 4 nodes (3 usable by the pods: 1 cordoned) in 2 pools.');
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
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="746" height="268" ')).toBe(true);
    expect(svg).toContain('>production &lt;&amp;&gt; &quot;nodes&quot;</text>');
    // one bar per node per resource: 4 nodes × (cpu, memory, pods)
    expect(svg.match(/class="bg"/g)).toHaveLength(12);
    expect(svg).toContain('<text x="192" y="74" class="p">cpu</text>\n<text x="374" y="74" class="p">memory</text>\n<text x="556" y="74" class="p">pods</text>');
    // general-1 cpu at 95.0% → 162 of 170 px, "nearly full" band
    expect(svg).toContain('<rect x="192" y="104" width="170" height="12" class="bg"/>\n<rect x="192" y="104" width="162" height="12" class="u2"/>\n<text x="196" y="114" class="v">3800m / 4 (95.0%)</text>');
    // memory at 28.1% → 48 px, comfortable band
    expect(svg).toContain('<rect x="374" y="104" width="170" height="12" class="bg"/>\n<rect x="374" y="104" width="48" height="12" class="u0"/>\n<text x="378" y="114" class="v">4608Mi / 16Gi (28.1%)</text>');
    // the cordoned, tainted node: a grey row and two tags
    expect(svg).toContain('<rect x="0" y="179" width="746" height="18" class="un"/>\n<text x="16" y="192">gpu-1</text>\n'
      + '<rect x="54" y="183" width="54" height="11" rx="2" class="tc"/>\n<text x="57" y="192" class="t">cordoned</text>\n'
      + '<rect x="111" y="183" width="48" height="11" rx="2" class="tt"/>\n<text x="114" y="192" class="t">tainted</text>');
    expect(svg).toContain('>pool gpu (1 node, 1 not usable)</text>');
    // the legend
    expect(svg).toContain('<rect x="298" y="28" width="10" height="10" class="u0"/>\n<text x="312" y="37">under 70%</text>');
    expect(svg).toContain('<text x="11" y="54" class="t">cordoned</text>\n<text x="66" y="54" class="m">spec.unschedulable</text>');
    // pods not placed
    // pods not placed, the long message wrapped at a word
    expect(svg).toContain('<text x="8" y="222" class="p x">Not placed (1 pod)</text>\n'
      + '<text x="16" y="238" class="x">shop/storefront (Deployment, replica 6 of 6): 0/4 nodes are available: 3 Insufficient cpu, 1 node(s) had untolerated</text>\n'
      + '<text x="28" y="252" class="x">taint {dedicated: gpu}.</text>');
    expect(svg).toContain('class="x">does not fit: 1 pod not placed, 2 failures</text>');
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

describe('reports of large and varied plans', () => {
  const GI = 1024 ** 3;
  const u = (resource: string, requested: number, allocatable: number, requestedText: string, allocatableText: string) => ({
    resource, requested, allocatable, requestedText, allocatableText,
    percent: allocatable === 0 ? null : Math.round((requested / allocatable) * 1000) / 10, fits: requested <= allocatable,
  });

  test('GIVEN GPUs and long node names WHEN drawn THEN a gpu bar sits beside cpu and memory, and names keep both ends', () => {
    const long = 'ip-10-0-3-17.eu-west-1.compute.internal-with-a-very-long-suffix-name';
    const plan: CapacityPlan = {
      ...fixturePlan,
      resources: ['cpu', 'memory', 'nvidia.com/gpu', 'pods'],
      pools: [{
        name: 'gpu',
        nodeCount: 1,
        usage: [],
        nodes: [{
          name: long, pool: 'gpu', pods: ['ml/trainer-1'], unschedulable: false, taints: [], ready: false,
          usage: [u('cpu', 2000, 8000, '2', '8'), u('memory', 8 * GI, 30 * GI, '8Gi', '30Gi'), u('nvidia.com/gpu', 1, 1, '1', '1'), u('pods', 1, 110, '1', '110')],
        }],
      }],
    };
    const svg = renderCapacitySvg(plan);
    expectWellFormedXml(svg);
    expect(svg).toContain('class="p">nvidia.com/gpu</text>');
    expect(svg).toContain('class="v">1 / 1 (100.0%)</text>');
    // 48 characters less the NotReady tag: start and end of the name, the whole name as a tooltip
    expect(svg).toContain(`<text x="16" y="114"><title>${long}</title>ip-10-0-3-17.eu-wes…y-long-suffix-name</text>`);
    expect(svg).toContain('class="t">NotReady</text>');
    expect(middleEllipsis('abcdefghij', 5)).toBe('ab…ij');
    expect(middleEllipsis('abc', 5)).toBe('abc');
  });

  test('GIVEN 1,000,000 nodes and 100,000 unplaced groups WHEN reported THEN both reports stay small and list how many more', () => {
    const usage = [u('cpu', 0, 4000, '0', '4'), u('memory', 0, 16 * GI, '0', '16Gi'), u('pods', 0, 110, '0', '110')];
    const nodes = new Array(1_000_000);
    for (let i = 0; i < nodes.length; i++) nodes[i] = { name: `general-${i + 1}`, pool: 'general', pods: [], usage, unschedulable: false, taints: [], ready: true };
    const unplaced = new Array(100_000);
    for (let i = 0; i < unplaced.length; i++) {
      unplaced[i] = { pod: `ns/w${i}-1`, workload: `Deployment ns/w${i}`, surge: false, message: `ns/w${i} (Deployment, replica 1 of 1): too big.`, reasons: [], replica: 1, of: 1, detail: 'too big.' };
    }
    const failures = unplaced.map((p) => p.message);
    const plan: CapacityPlan = { ...fixturePlan, failures, unplaced, headroom: [], pools: [{ name: 'general', nodeCount: nodes.length, usage, nodes }] };

    const md = renderCapacityMarkdown(plan);
    const svg = renderCapacitySvg(plan);

    expect(md).toContain('\n100. ns/w99 (Deployment, replica 1 of 1): too big.\n\n… and 99900 more failures (not listed; see --format json).\n');
    expect(md).toContain('| general-100 | 0 / 110 |');
    expect(md).not.toContain('| general-101 |');
    expect(md).toContain('… and 999900 more nodes (not listed; see --format json).');
    expect(md).toContain('… and 99900 more groups (not listed; see --format json).');
    expect(md.length).toBeLessThan(100_000);
    expect(svg).toContain('… and 999800 more nodes (see the Markdown report or --format json)');
    expect(svg).toContain('… and 99980 more (see the Markdown report)');
    expect(svg.length).toBeLessThan(200_000);
  });
});
