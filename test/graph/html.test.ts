/**
 * The HTML page in a real browser: Debian's chromium, headless, offline, draws the example app's diagram, and every
 * channel of the app is a node of the SVG. Chromium is at /usr/bin/chromium (`apt-get install chromium`; `.ci/run`
 * installs it when missing), or where SMQ_CHROMIUM says. Without it these tests are skipped, except under CI (`CI` set,
 * or SMQ_REQUIRE_CHROMIUM=1, which `.ci/run` sets), where they fail.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../examples/app';
import { TopologyGraph } from '../../lib/graph';
import { layout } from '../../lib/graph/layout';
import { RouteNodeKind, Topology } from '../../lib/routes/model';
import { Routes } from '../../lib/routes/routes';
import { HOSTILE_TEXTS, hostileTopology } from './fixtures';

const CHROMIUM = process.env.SMQ_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0')
  || process.env.SMQ_REQUIRE_CHROMIUM === '1';
const AVAILABLE = fs.existsSync(CHROMIUM);

if (!AVAILABLE && !REQUIRED) {
  console.warn(`test/graph/html.test.ts: skipped, no chromium at ${CHROMIUM} (apt-get install chromium, or set SMQ_CHROMIUM)`);
}

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-html-'));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** Opens a page in headless chromium, with no network and a fresh profile, and returns the DOM once scripts have run. */
function render(name: string, html: string): Promise<string> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`chromium is missing at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does) or point SMQ_CHROMIUM at one`);
  }
  const page = path.join(work, `${name}.html`);
  fs.writeFileSync(page, html);
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-extensions', '--disable-dev-shm-usage',
    `--user-data-dir=${path.join(work, `${name}-profile`)}`, '--virtual-time-budget=60000', '--dump-dom', `file://${page}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 150_000 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`chromium failed: ${error.message}\n${stderr.slice(-2000)}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Text of an HTML fragment: line breaks for `<br>`, tags dropped, entities decoded. */
function textOf(fragment: string): string {
  return fragment.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

/** A stack's box: its rectangle in the SVG's coordinates. */
interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Drawn {
  readonly classes: string[];
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

/** The `translate(x, y)` of a tag's attributes, `[0, 0]` when it has none. */
function translation(attributes: string): [number, number] {
  const at = /\stransform="translate\(([^,)\s]+)[,\s]\s*([^)]+)\)"/.exec(attributes);
  return at === null ? [0, 0] : [Number(at[1]), Number(at[2])];
}

/**
 * The rendered SVG of the page: its nodes (class, id, position, label text), its clusters' labels and its edge labels.
 * A node's position is in the SVG's coordinates: Mermaid lays out each stack's box as a graph of its own, in a group
 * translated as a whole, so a node's own `translate` is relative to its stack and the groups around it add up.
 */
function drawing(dom: string): { svg: string; nodes: Drawn[]; clusters: string[]; boxes: Box[]; edgeLabels: string[] } {
  const start = dom.indexOf('<svg');
  expect(start).toBeGreaterThan(-1);
  const svg = dom.slice(start, dom.indexOf('</svg>', start) + '</svg>'.length);
  const nodes: Drawn[] = [];
  const boxes: Box[] = [];
  const open: Array<[number, number]> = [];
  for (const tag of svg.matchAll(/<(\/?)g\b([^>]*?)(\/?)>/g)) {
    if (tag[1] === '/') {
      open.pop();
      continue;
    }
    const [dx, dy] = translation(tag[2]);
    const [x, y] = open.reduce(([ax, ay], [ox, oy]) => [ax + ox, ay + oy], [dx, dy]);
    const classes = /^\s+class="node ([^"]*)"/.exec(tag[2]);
    if (classes !== null) {
      const chunk = svg.slice(tag.index! + tag[0].length).split('<g class="node ')[0];
      const label = /<span[^>]*class="nodeLabel"[^>]*>([\s\S]*?)<\/span>/.exec(chunk);
      nodes.push({ classes: classes[1].split(' '), id: /\sid="([^"]*)"/.exec(tag[2])?.[1] ?? '', x, y, text: label === null ? '' : textOf(label[1]) });
    }
    if (/^\s+class="cluster"/.test(tag[2])) {
      const rect = /^<rect\b[^>]*?\sx="([^"]+)"[^>]*?\sy="([^"]+)"[^>]*?\swidth="([^"]+)"[^>]*?\sheight="([^"]+)"/.exec(svg.slice(tag.index! + tag[0].length));
      expect(rect).not.toBeNull();
      boxes.push({ id: /\sid="([^"]*)"/.exec(tag[2])?.[1] ?? '', x: x + Number(rect![1]), y: y + Number(rect![2]), width: Number(rect![3]), height: Number(rect![4]) });
    }
    if (tag[3] !== '/') {
      open.push([dx, dy]);
    }
  }
  expect(open).toEqual([]);
  const clusters = svg.split('<g class="cluster"').slice(1).map((chunk) => textOf(/<span[^>]*class="nodeLabel"[^>]*>([\s\S]*?)<\/span>/.exec(chunk)?.[1] ?? ''));
  const edgeLabels = [...svg.matchAll(/<span[^>]*class="edgeLabel"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => textOf(m[1])).filter((t) => t !== '');
  return { svg, nodes, clusters, boxes, edgeLabels };
}

function exampleTopology(): Topology {
  const outdir = path.join(work, 'cdk.out');
  buildApp(outdir).synth();
  return Routes.fromCloudAssembly(outdir).topology;
}

(AVAILABLE || REQUIRED ? describe : describe.skip)('the HTML page in headless chromium', () => {
  test('draws every channel of the example app as a node of the SVG, in its stack', async () => {
    const topology = exampleTopology();
    const dom = await render('example', TopologyGraph.html(topology, { title: 'Example app' }));
    expect(dom).toContain('data-rendered="true"');
    expect(/<pre id="error" hidden=""><\/pre>/.test(dom)).toBe(true);
    const { nodes, clusters, boxes, edgeLabels } = drawing(dom);

    const channels = topology.nodes.filter((n) => n.kind === RouteNodeKind.CHANNEL);
    expect(channels.length).toBeGreaterThan(20);
    const drawnChannels = nodes.filter((n) => n.classes.includes('channel'));
    // each channel once, by its label (the first line of its node)
    expect(drawnChannels.map((n) => n.text.split('\n')[0]).sort()).toEqual(channels.map((c) => c.label).sort());
    // with its type on the second line, laid out at a real position
    for (const node of drawnChannels) {
      expect(node.text.split('\n')[1]).toMatch(/^MNS::(Queue|Topic)$/);
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
      expect(node.id).toMatch(/-flowchart-n\d+-\d+$/);
    }
    // no two channels on one spot (positions in the SVG's coordinates: each stack's box is laid out on its own)
    expect(new Set(drawnChannels.map((n) => `${n.x},${n.y}`)).size).toBe(drawnChannels.length);
    // every other node too, and one box per stack
    expect(nodes).toHaveLength(new Set(topology.nodes.map((n) => n.id)).size);
    expect(clusters.sort()).toEqual([...new Set(topology.nodes.map((n) => n.stack))].sort());
    // each node inside the box of its own stack
    const stackOf = new Map(layout(topology).stacks.flatMap((stack) => stack.nodes.map((n) => [n.key, stack.key] as const)));
    for (const node of nodes) {
      const stack = stackOf.get(/-flowchart-(n\d+)-\d+$/.exec(node.id)![1]);
      const box = boxes.find((b) => b.id.endsWith(`-${stack}`));
      expect(box).toBeDefined();
      expect([node.id, node.x > box!.x && node.x < box!.x + box!.width && node.y > box!.y && node.y < box!.y + box!.height]).toEqual([node.id, true]);
    }
    expect(edgeLabels).toHaveLength(topology.edges.filter((e) => e.label.trim() !== '').length);
    expect(edgeLabels).toContain('dead letters after 5 receives');
  }, 180_000);

  test('shows hostile labels as text: no markup, no directive, no script', async () => {
    const topology = hostileTopology();
    const dom = await render('hostile', TopologyGraph.html(topology));
    expect(dom).toContain('data-rendered="true"');
    const { svg, nodes, clusters, edgeLabels } = drawing(dom);
    expect(clusters).toEqual(['Evil "stack" <b>end</b>']);
    const fold = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
    // the word joiners the renderer puts into `$$`, `\n`, `fa:fa-`, ... show as nothing
    const channelTexts = nodes.filter((n) => n.classes.includes('channel')).map((n) => n.text.split('\n')[0].replace(/\u2060/g, ''));
    expect(channelTexts.sort()).toEqual(HOSTILE_TEXTS.map(fold).sort());
    // an edge label keeps its line break; other control characters are spaces, and HTML trims the ends
    expect(edgeLabels.map((t) => t.replace(/\u2060/g, '')).sort()).toEqual(HOSTILE_TEXTS.map((t) => t.split('\n').map((l) => l.replace(/[\u0000-\u001f\u007f]/g, ' ')).join('\n').trim()).sort());
    // nothing in the drawing is markup the labels brought: no image, no script, no bold, and the theme is the default
    expect(svg).not.toMatch(/<img|<script|<b>|onerror="/i);
    expect(svg).toMatch(/#ECECFF/i);
    expect(svg).not.toMatch(/#1f2020/i);
  }, 180_000);
});
