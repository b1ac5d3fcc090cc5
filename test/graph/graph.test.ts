import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as fc from 'fast-check';
import { HtmlOptions, TopologyGraph } from '../../lib/graph';
import { dotString, htmlText, inlineScript, mermaidLabel } from '../../lib/graph/escape';
import { RouteEdge, RouteNode, RouteNodeKind, Topology } from '../../lib/routes/model';
import { HOSTILE_TEXTS, hostileTopology, smallTopology } from './fixtures';

/** A stand-in for Mermaid's bundle, so that these tests do not read megabytes. */
let fakeBundle: HtmlOptions;
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-test-'));
  fs.mkdirSync(path.join(work, 'mermaid', 'dist'), { recursive: true });
  fs.writeFileSync(path.join(work, 'mermaid', 'package.json'), JSON.stringify({ name: 'mermaid', version: '0.0.0-fake', license: 'MIT' }));
  fs.writeFileSync(path.join(work, 'mermaid', 'LICENSE'), 'The MIT License (MIT) */ <!-- fake\nCopyright (c) nobody');
  fs.writeFileSync(path.join(work, 'mermaid', 'dist', 'mermaid.min.js'), 'var mermaid={initialize:function(){},run:function(){return Promise.resolve()}};var s="</script><!--<script>";');
  fakeBundle = { mermaidBundle: path.join(work, 'mermaid', 'dist', 'mermaid.min.js') };
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * Mermaid's own decoding of a quoted label: entity codes back to characters, `<br/>` back to line breaks; and the word
 * joiners (U+2060) the renderer puts into `$$`, a backslash before `n` and `fa:fa-` left out, since they show as nothing.
 */
function decodeMermaid(label: string): string {
  return label.split('<br/>').join('\n').replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code))).replace(/\u2060/g, '');
}

/** DOT's decoding of a quoted string as a label: `\n` is a line break, `\"` a quote, `\\` a backslash. */
function decodeDot(text: string): string {
  return text.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch));
}

/** What a label should show: line breaks normalized, control and separator characters as spaces. */
function shown(text: string): string {
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines.map((line) => Array.from(line).map((ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff) ? ' ' : ch;
  }).join('')).join('\n');
}

/** The text between the first pair of double quotes on each line that has them (labels), Mermaid's way. */
function mermaidLabels(diagram: string): string[] {
  return diagram.split('\n').flatMap((line) => {
    const match = /"([^"]*)"/.exec(line);
    return match === null ? [] : [match[1]];
  });
}

const anyText = fc.oneof(
  fc.string({ unit: fc.constantFrom('$', '\\', 'n', 'fa:', 'fab:', 'fa-', 'x', '\u2060', '\ufb02', '\u00b0', '\u00b6', '\u00df', 's', 'tyle', 'c', 'lassDef'), maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.nat(0xffff).map((n) => String.fromCharCode(n)), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('"', '#', ';', '<', '>', '&', '[', ']', '{', '}', '(', ')', '|', '%', '$', '`', '*', '\\', '\n', '\r', ' ', 'a', '1', 'n', 'e', 'd'), maxLength: 40 }),
);

describe('escaping', () => {
  test('a Mermaid label holds only plain characters, entity codes and <br/>, and decodes to the text', () => {
    fc.assert(fc.property(anyText, (text) => {
      const label = mermaidLabel(text);
      expect(label).toMatch(/^(?:[A-Za-z0-9 .,:/_\-=+()'!?@^~]|[^\x00-\x7f]|#\d+;|<br\/>)*$/);
      expect(decodeMermaid(label)).toBe(shown(text).replace(/\u2060/g, ''));
      // what Mermaid looks for after decoding: KaTeX, a backslash-n line break, an icon, its placeholders, style lines
      const decoded = label.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
      expect(decoded).not.toMatch(/\$\$|\\n|fa[bklrs]?:fa-|\ufb02\u00b0|\u00b6\u00df|style|classDef/);
    }), { numRuns: 500 });
  });

  test('a Mermaid label writes each character that Mermaid or HTML would read as an entity code', () => {
    expect(mermaidLabel('a"b#c;d<e>f&g')).toBe('a#34;b#35;c#59;d#60;e#62;f#38;g');
    expect(mermaidLabel('[x]{y}|z|')).toBe('#91;x#93;#123;y#125;#124;z#124;');
    expect(mermaidLabel('%%{init: {}}%%')).toBe('#37;#37;#123;init: #123;#125;#125;#37;#37;');
    expect(mermaidLabel('`md` **b** $x$ back\\slash')).toBe('#96;md#96; #42;#42;b#42;#42; #36;x#36; back#92;slash');
    expect(mermaidLabel('one\ntwo\r\nthree\n')).toBe('one<br/>two<br/>three');
    expect(mermaidLabel('tab\there\u2028nul\u0000')).toBe('tab here nul ');
    expect(mermaidLabel('end')).toBe('end');
    expect(mermaidLabel('中文 🚀')).toBe('中文 🚀');
    expect(mermaidLabel('$$x$$ a\\nb fa:fa-car')).toBe('#36;\u2060#36;x#36;\u2060#36; a#92;\u2060nb fa:\u2060fa-car');
    expect(mermaidLabel('\ufb02\u00b0lt\u00b6\u00df')).toBe('\ufb02\u2060\u00b0lt\u00b6\u2060\u00df');
    expect(mermaidLabel('style:a;classDef')).toBe('s\u2060tyle:a#59;c\u2060lassDef');
  });

  test('a DOT string has every quote and backslash escaped, and decodes to the text', () => {
    fc.assert(fc.property(anyText, (text) => {
      const escaped = dotString(text);
      // a DOT quoted string: no bare quote, every backslash starts a pair
      expect(escaped).toMatch(/^(?:[^"\\\n\r]|\\["\\n])*$/);
      expect(decodeDot(escaped)).toBe(shown(text));
    }), { numRuns: 500 });
    expect(dotString('say "hi"\\N\nnext')).toBe('say \\"hi\\"\\\\N\\nnext');
  });

  test('HTML text has no markup characters left', () => {
    fc.assert(fc.property(anyText, (text) => {
      expect(htmlText(text)).not.toMatch(/[<>"']|&(?!(?:amp|lt|gt|quot|#39);)/);
    }), { numRuns: 300 });
    expect(htmlText('<a href="x">Tom & Jerry\'s</a>')).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  test('an inlined script cannot end its element or open an HTML comment, and means the same', () => {
    const source = [
      "var a = '</script><script>alert(1)</SCRIPT>';",
      'var b = /<!--|<\\/script>/.test("x<!--y");',
      'var c = `<!-- ${a.length} </Script >`;',
      "var d = '\\<script>';",
      "var e = '\\\\<script>';",
      "var f = /\\<!--/.test('<!--');",
      '/* a comment </script> */',
      'result = [a, b, c, d, e, f];',
    ].join('\n');
    const inlined = inlineScript(source);
    expect(inlined).not.toMatch(/<\/?script|<!--/i);
    const run = (code: string): unknown => {
      const context: { result?: unknown } = {};
      vm.runInNewContext(code, context);
      return context.result;
    };
    expect(run(inlined)).toEqual(run(source));
  });
});

describe('mermaid', () => {
  test('draws the small app: one subgraph per stack, shapes by kind, labelled hops', () => {
    const diagram = TopologyGraph.mermaid(smallTopology());
    expect(diagram).toMatchSnapshot();
    const lines = diagram.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines.filter((l) => l.startsWith('  subgraph '))).toEqual(['  subgraph s0["Fanout"]', '  subgraph s1["Pipeline"]']);
    expect(lines.filter((l) => l === '  end')).toHaveLength(2);
    // each node sits in its own stack's subgraph
    const block = (stack: string): string => {
      const start = lines.findIndex((l) => l.startsWith('  subgraph ') && l.endsWith(`["${stack}"]`));
      return lines.slice(start, lines.indexOf('  end', start)).join('\n');
    };
    expect(block('Fanout')).toContain('{{"Fanout-Orders<br/>MNS::Topic"}}');
    expect(block('Fanout')).toContain('[("Fanout-Billing<br/>MNS::Queue")]');
    expect(block('Fanout')).toContain('["https://example.com/hook<br/>http"]');
    expect(block('Pipeline')).toContain('(["inbox-bucket<br/>OSS::Bucket"])');
    expect(block('Pipeline')).toContain('["processor<br/>FC3::Function"]');
    expect(block('Pipeline')).not.toContain('Fanout');
    // the channel's details, without its name again
    expect(block('Pipeline')).toContain('[("Pipeline-Uploads<br/>MNS::Queue<br/>deadLetterQueue: Pipeline-FailedUploads<br/>maxReceiveCount: 5")]');
    // hops: the label, or the filter and delivery settings when the label is empty; dead letters dashed
    expect(lines).toContain('  n4 -->|"oss:ObjectCreated:PutObject, prefix in/, suffix .jpg"| n6');
    expect(lines).toContain('  n6 -->|"batch 10, retries 3, DLQ Pipeline-FailedUploads"| n7');
    expect(lines).toContain('  n6 -.->|"dead letters after 5 receives"| n5');
    expect(lines).toContain('  n1 -->|"filter tag billing, EXPONENTIAL_DECAY_RETRY"| n0');
    expect(lines).toContain('  n1 -->|"filter-tag ops#59; notifyContentFormat: SIMPLIFIED#59; notifyStrategy: BACKOFF_RETRY"| n3');
    expect(lines).toContain('  n1 --> n2');
    expect(lines).toContain('  class n4 source');
    expect(lines).toContain('  class n0,n1,n5,n6 channel');
    expect(lines).toContain('  class n2,n3,n7 consumer');
  });

  test('every line of a hostile diagram has the shape the renderer writes, and every label decodes to its text', () => {
    const topology = hostileTopology();
    const diagram = TopologyGraph.mermaid(topology);
    const label = '(?:[A-Za-z0-9 .,:/_\\-=+()\'!?@^~]|[^\\x00-\\x7f]|#\\d+;|<br/>)*';
    const shapes = [
      `^  subgraph s\\d+\\["${label}"\\]$`, '^    direction LR$', '^  end$', '^flowchart LR$', '^$',
      `^ {4}n\\d+(?:\\["${label}"\\]|\\(\\["${label}"\\]\\)|\\[\\("${label}"\\)\\]|\\{\\{"${label}"\\}\\})$`,
      `^  n\\d+ (?:-->|-\\.->)(?:\\|"${label}"\\|)? n\\d+$`,
      '^  classDef [a-z]+ [a-z:#0-9,-]+(?: [0-9]+)?$', '^  class n\\d+(?:,n\\d+)* [a-z]+$',
    ].map((s) => new RegExp(s));
    for (const line of diagram.split('\n')) {
      expect(shapes.some((shape) => shape.test(line)) ? line : `unexpected line: ${line}`).toBe(line);
    }
    const decoded = mermaidLabels(diagram).map(decodeMermaid);
    expect(decoded[0]).toBe('Evil "stack" <b>end</b>');
    for (const text of HOSTILE_TEXTS) {
      // each text twice: as a channel's label (first line, blanks folded) and as a hop's label
      expect(decoded).toContain(shown(text));
      expect(decoded).toContain(`${shown(text).replace(/\s+/g, ' ').trim()}\nMNS::Queue`);
    }
  });

  test('the same topology in any order gives the same text, and a node listed twice is drawn once', () => {
    const topology = smallTopology();
    const shuffled: Topology = {
      nodes: [...topology.nodes.slice(3), topology.nodes[1], ...topology.nodes.slice(0, 3).reverse()],
      edges: [...topology.edges].reverse(),
    };
    expect(TopologyGraph.mermaid(shuffled)).toBe(TopologyGraph.mermaid(topology));
    expect(TopologyGraph.dot(shuffled)).toBe(TopologyGraph.dot(topology));
    expect(TopologyGraph.html(shuffled, fakeBundle)).toBe(TopologyGraph.html(topology, fakeBundle));
    expect(TopologyGraph.mermaid(topology)).toBe(TopologyGraph.mermaid(smallTopology()));
    expect(TopologyGraph.mermaid(shuffled).match(/Fanout-Billing<br\/>MNS::Queue/g)).toHaveLength(1);
  });

  test('an edge end that no node describes is drawn outside every stack, dashed', () => {
    const topology = smallTopology();
    const stray: RouteEdge = { from: 'Pipeline/Uploads', to: 'Elsewhere/queue:gone', via: 'ALIYUN::MNS::Subscription', logicalId: 'X', stack: 'Pipeline', label: '' };
    const diagram = TopologyGraph.mermaid({ nodes: topology.nodes, edges: [...topology.edges, stray] });
    expect(diagram).toContain('\n  end\n  n8["Elsewhere/queue:gone"]\n');
    expect(diagram).toContain('  n6 --> n8\n');
    expect(diagram).toContain('  classDef unknown fill:#f1f3f5,stroke:#868e96,color:#212529,stroke-dasharray:4 3\n  class n8 unknown\n');
  });

  test('an empty topology is a diagram with one note', () => {
    expect(TopologyGraph.mermaid({ nodes: [], edges: [] })).toBe('flowchart LR\n  n0["no SMQ channels found"]\n');
    expect(TopologyGraph.dot({ nodes: [], edges: [] })).toContain('  "n0" [label="no SMQ channels found", shape=plaintext];\n}\n');
  });

  test('long labels are cut with an ellipsis', () => {
    const node: RouteNode = { id: 'S/Q', kind: RouteNodeKind.CHANNEL, type: 'ALIYUN::MNS::Queue', label: 'q'.repeat(200), stack: 'S', details: {} };
    const source: RouteNode = { id: 'S/R', kind: RouteNodeKind.SOURCE, type: 'ALIYUN::EventBridge::Rule', label: 'r', stack: 'S', details: {} };
    const diagram = TopologyGraph.mermaid({ nodes: [node, source], edges: [{ from: 'S/R', to: 'S/Q', via: 'v', logicalId: 'R', stack: 'S', label: 'x '.repeat(300) }] });
    expect(diagram).toContain(`[("${'q'.repeat(79)}…<br/>MNS::Queue")]`);
    expect(diagram).toContain(`|"${'x '.repeat(119)}x…"|`);
  });
});

describe('dot', () => {
  test('draws the small app: one cluster per stack, shapes by kind, labelled hops, tooltips', () => {
    const graph = TopologyGraph.dot(smallTopology());
    expect(graph).toMatchSnapshot();
    expect(graph.match(/subgraph "cluster_s\d+"/g)).toEqual(['subgraph "cluster_s0"', 'subgraph "cluster_s1"']);
    expect(graph).toContain('    label="Pipeline";\n');
    expect(graph).toContain('"n1" [label="Fanout-Orders\\nMNS::Topic", tooltip="Fanout/Orders (ALIYUN::MNS::Topic)", shape=hexagon');
    expect(graph).toContain('"n0" [label="Fanout-Billing\\nMNS::Queue", tooltip="Fanout/Billing (ALIYUN::MNS::Queue)", shape=cylinder');
    expect(graph).toContain('"n4" [label="inbox-bucket\\nOSS::Bucket", tooltip="Pipeline/Inbox (ALIYUN::OSS::Bucket)", shape=box, style="rounded,filled"');
    expect(graph).toContain('  "n6" -> "n7" [label="batch 10, retries 3, DLQ\\nPipeline-FailedUploads", tooltip="ALIYUN::FC3::Trigger Pipeline/ProcessUploads: batch 10, retries 3, DLQ Pipeline-FailedUploads"];');
    expect(graph).toContain('  "n6" -> "n5" [label="dead letters after 5 receives", tooltip="ALIYUN::MNS::Queue Pipeline/Uploads: dead letters after 5 receives", style=dashed];');
    expect(graph).toContain('  "n1" -> "n2" [tooltip="ALIYUN::MNS::Subscription Fanout/OrdersToUrl26161319"];');
  });

  test('a hostile graph stays well-formed: every quoted string closes on its line, braces balance, labels decode', () => {
    const graph = TopologyGraph.dot(hostileTopology());
    const strings: string[] = [];
    let depth = 0;
    for (const line of graph.trimEnd().split('\n')) {
      const rest = line.replace(/"((?:[^"\\]|\\.)*)"/g, (_m, s: string) => {
        strings.push(s);
        return 'S';
      });
      expect(rest).not.toMatch(/["\\]/);
      depth += (rest.match(/\{/g) ?? []).length - (rest.match(/\}/g) ?? []).length;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    const decoded = strings.map(decodeDot);
    expect(decoded).toContain('Evil "stack" <b>end</b>');
    for (const text of HOSTILE_TEXTS) {
      expect(decoded).toContain(`${shown(text).replace(/\s+/g, ' ').trim()}\nMNS::Queue`);
    }
  });

  const dot = ['/usr/bin/dot', '/usr/local/bin/dot'].find((file) => fs.existsSync(file));
  (dot === undefined ? test.skip : test)('Graphviz reads the hostile graph (when Graphviz is installed)', () => {
    const svg = execFileSync(dot!, ['-Tsvg'], { input: TopologyGraph.dot(hostileTopology()), encoding: 'utf8' });
    expect(svg).toContain('back\\slash \\N \\l \\n');
    expect(svg).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});

describe('html', () => {
  test('one page: the diagram as text, the bundle and its license inlined, no way to the network', () => {
    const topology = smallTopology();
    const page = TopologyGraph.html(topology, { ...fakeBundle, title: 'Shop <prod> & "co"' });
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">\n')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">`);
    expect(page).toContain('<meta name="generator" content="ros-cdk-smq graph, Mermaid 0.0.0-fake">');
    expect(page).toContain('<title>Shop &lt;prod&gt; &amp; &quot;co&quot;</title>');
    expect(page).toContain('<h1>Shop &lt;prod&gt; &amp; &quot;co&quot;</h1>');
    expect(page).toContain('<p class="summary">2 stacks, 1 sources, 4 channels, 3 consumers, 6 hops</p>');
    const pre = /<pre class="mermaid" id="diagram">([\s\S]*?)<\/pre>/.exec(page)![1];
    const unescaped = pre.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(unescaped).toBe(TopologyGraph.mermaid(topology));
    // the fake bundle's own `</script>` and `<!--`, and its license's, cannot end the script element
    expect(page.match(/<script>/g)).toHaveLength(2);
    expect(page.match(/<\/script>/gi)).toHaveLength(2);
    expect(page).not.toContain('<!--');
    expect(page).toContain('var mermaid={initialize:function(){},run:function(){return Promise.resolve()}};var s="\\x3C/script>\\x3C!--\\x3Cscript>";');
    expect(page).toContain('/*! Mermaid 0.0.0-fake, inlined by ros-cdk-smq. The MIT License (MIT) * / \\x3C!-- fake\nCopyright (c) nobody */');
    expect(page).toContain('mermaid.initialize({"startOnLoad":false,"securityLevel":"strict","theme":"default","maxTextSize":100000000,"maxEdges":1000000,"flowchart":{"useMaxWidth":false,"htmlLabels":true}});');
    expect(page).not.toMatch(/\b(?:src|href)=/);
  });

  test('inlines the installed Mermaid bundle by default', () => {
    const page = TopologyGraph.html(smallTopology());
    const version = JSON.parse(fs.readFileSync(require.resolve('mermaid/package.json'), 'utf8')).version;
    expect(page).toContain(`<meta name="generator" content="ros-cdk-smq graph, Mermaid ${version}">`);
    expect(page.length).toBeGreaterThan(fs.statSync(require.resolve('mermaid/dist/mermaid.min.js')).size);
    expect(page.match(/<\/script>/gi)).toHaveLength(2);
  });

  test('a missing bundle file is an error', () => {
    expect(() => TopologyGraph.html(smallTopology(), { mermaidBundle: path.join(work, 'nope.js') }))
      .toThrow(`the Mermaid bundle ${path.join(work, 'nope.js')} does not exist (mermaidBundle)`);
  });

  test('without the mermaid package the error says how to install it', () => {
    // the compiled graph module, alone in a folder with no node_modules above it
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-alone-'));
    try {
      const out = path.join(alone, 'out');
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--outDir', out, '--rootDir', path.join(__dirname, '..', '..'),
        '--module', 'node16', '--moduleResolution', 'node16', '--target', 'ES2022', '--types', 'node', '--skipLibCheck',
        '--typeRoots', path.join(__dirname, '..', '..', 'node_modules', '@types'),
        path.join(__dirname, '..', '..', 'lib', 'graph', 'index.ts')], { cwd: alone, stdio: 'pipe' });
      const script = "const { TopologyGraph } = require('./out/lib/graph'); try { TopologyGraph.html({ nodes: [], edges: [] }); } catch (e) { console.log(e.message); }";
      const message = execFileSync(process.execPath, ['-e', script], { cwd: alone, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
      expect(message.trim()).toBe('the HTML page inlines the Mermaid library, an optional peer dependency of ros-cdk-smq that is not installed: install it with `npm install mermaid`');
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
    }
  }, 60_000);
});
