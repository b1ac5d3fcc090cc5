import * as fs from 'fs';
import * as path from 'path';
import { RouteNodeKind, Topology } from '../routes/model';
import { dotString, htmlText, inlineScript, mermaidLabel, scriptComment } from './escape';
import { DrawnNode, Layout, layout } from './layout';

/** Options of `TopologyGraph.html`. */
export interface HtmlOptions {
  /**
   * The page's title and heading.
   * @default 'SMQ topology'
   */
  readonly title?: string;

  /**
   * The path of the Mermaid browser bundle to inline: the build that defines a global `mermaid` when run as a classic
   * script (`dist/mermaid.min.js` of the `mermaid` package, versions 11 and 12 tested).
   * @default `mermaid/dist/mermaid.min.js` resolved from the working directory, then from this package
   */
  readonly mermaidBundle?: string;
}

/** What each kind of node looks like: Mermaid class and DOT attributes. */
const STYLE: { [kind: string]: { fill: string; stroke: string } } = {
  [RouteNodeKind.SOURCE]: { fill: '#e7f5ff', stroke: '#1971c2' },
  [RouteNodeKind.CHANNEL]: { fill: '#fff3bf', stroke: '#e67700' },
  [RouteNodeKind.CONSUMER]: { fill: '#ebfbee', stroke: '#2f9e44' },
  unknown: { fill: '#f1f3f5', stroke: '#868e96' },
};

function styleKey(node: DrawnNode): string {
  return node.kind !== undefined && node.kind in STYLE ? node.kind : 'unknown';
}

const EMPTY_TEXT = 'no SMQ channels found';

/**
 * Draws the topology of SMQ wiring (sources -> channels -> consumers, `Routes.topology`) as a Mermaid flowchart, a
 * Graphviz DOT graph or a self-contained HTML page: one box per stack, sources as rounded boxes, queues as cylinders,
 * topics as hexagons, consumers as rectangles, each hop labelled with its filter, event types and retry and DLQ
 * settings. The output depends only on the topology (stacks by name, nodes by kind and id, edges by their ends), and
 * every label is escaped for its format, so ids, names and filter values show as they are.
 *
 * The command `npx ros-cdk-smq graph [cdk.out] [--format mermaid|dot|html]` prints these for a cloud assembly.
 */
export class TopologyGraph {
  /**
   * A Mermaid flowchart (https://mermaid.js.org/syntax/flowchart.html), for a ```mermaid block of a Markdown file
   * (GitHub renders it) or the Mermaid live editor.
   */
  public static mermaid(topology: Topology): string {
    const drawn = layout(topology);
    const lines = ['flowchart LR'];
    const nodeLine = (node: DrawnNode, indent: string): string => {
      const text = mermaidLabel(node.text);
      switch (node.kind) {
        case RouteNodeKind.SOURCE:
          return `${indent}${node.key}(["${text}"])`;
        case RouteNodeKind.CHANNEL:
          return node.topic ? `${indent}${node.key}{{"${text}"}}` : `${indent}${node.key}[("${text}")]`;
        default:
          return `${indent}${node.key}["${text}"]`;
      }
    };
    for (const stack of drawn.stacks) {
      lines.push(`  subgraph ${stack.key}["${mermaidLabel(stack.name)}"]`);
      lines.push('    direction LR');
      for (const node of stack.nodes) {
        lines.push(nodeLine(node, '    '));
      }
      lines.push('  end');
    }
    for (const node of drawn.strays) {
      lines.push(nodeLine(node, '  '));
    }
    if (drawn.stacks.length === 0 && drawn.strays.length === 0) {
      lines.push(`  n0["${mermaidLabel(EMPTY_TEXT)}"]`);
    }
    for (const edge of drawn.edges) {
      const arrow = edge.deadLetter ? '-.->' : '-->';
      lines.push(edge.text === '' ? `  ${edge.from} ${arrow} ${edge.to}` : `  ${edge.from} ${arrow}|"${mermaidLabel(edge.text)}"| ${edge.to}`);
    }
    for (const [kind, keys] of keysByStyle(drawn)) {
      const style = STYLE[kind];
      const dash = kind === 'unknown' ? ',stroke-dasharray:4 3' : '';
      lines.push(`  classDef ${kind} fill:${style.fill},stroke:${style.stroke},color:#212529${dash}`);
      lines.push(`  class ${keys.join(',')} ${kind}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** A Graphviz DOT digraph (https://graphviz.org/doc/info/lang.html), one cluster per stack: `dot -Tsvg`. */
  public static dot(topology: Topology): string {
    const drawn = layout(topology);
    const lines = [
      'digraph "smq-topology" {',
      '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.7];',
      '  node [fontname="Helvetica", fontsize=10, penwidth=1];',
      '  edge [fontname="Helvetica", fontsize=9, color="#495057", fontcolor="#343a40"];',
    ];
    const nodeLine = (node: DrawnNode, indent: string): string => {
      const style = STYLE[styleKey(node)];
      const shape = node.kind === RouteNodeKind.CHANNEL ? (node.topic ? 'shape=hexagon, style="filled"' : 'shape=cylinder, style="filled"')
        : node.kind === RouteNodeKind.SOURCE ? 'shape=box, style="rounded,filled"'
          : node.kind === RouteNodeKind.CONSUMER ? 'shape=box, style="filled"' : 'shape=box, style="dashed,filled"';
      return `${indent}"${node.key}" [label="${dotString(node.text)}", tooltip="${dotString(`${node.id} (${node.type})`)}", ${shape}, fillcolor="${style.fill}", color="${style.stroke}"];`;
    };
    for (const stack of drawn.stacks) {
      lines.push(`  subgraph "cluster_${stack.key}" {`);
      lines.push(`    label="${dotString(stack.name)}";`);
      lines.push('    style="rounded,dashed"; color="#868e96";');
      for (const node of stack.nodes) {
        lines.push(nodeLine(node, '    '));
      }
      lines.push('  }');
    }
    for (const node of drawn.strays) {
      lines.push(nodeLine(node, '  '));
    }
    if (drawn.stacks.length === 0 && drawn.strays.length === 0) {
      lines.push(`  "n0" [label="${dotString(EMPTY_TEXT)}", shape=plaintext];`);
    }
    for (const edge of drawn.edges) {
      const tooltip = `${edge.edge.via} ${edge.edge.stack}/${edge.edge.logicalId}${edge.edge.label.trim() === '' ? '' : `: ${edge.edge.label}`}`;
      const label = edge.text === '' ? '' : `label="${dotString(wrap(edge.text, 40))}", `;
      const dashed = edge.deadLetter ? ', style=dashed' : '';
      lines.push(`  "${edge.from}" -> "${edge.to}" [${label}tooltip="${dotString(tooltip)}"${dashed}];`);
    }
    lines.push('}');
    return `${lines.join('\n')}\n`;
  }

  /**
   * One self-contained HTML page that draws the Mermaid flowchart in a browser, with Mermaid's browser bundle inlined:
   * it loads nothing from the network (its Content-Security-Policy forbids it). Mermaid is an optional peer dependency
   * of this package, needed only here: `npm install mermaid`.
   */
  public static html(topology: Topology, options?: HtmlOptions): string {
    const bundle = loadMermaid(options?.mermaidBundle);
    const title = options?.title ?? 'SMQ topology';
    const drawn = layout(topology);
    const count = (kind: RouteNodeKind): number => drawn.stacks.reduce((sum, stack) => sum + stack.nodes.filter((n) => n.kind === kind).length, 0);
    const summary = `${drawn.stacks.length} stacks, ${count(RouteNodeKind.SOURCE)} sources, ${count(RouteNodeKind.CHANNEL)} channels, `
      + `${count(RouteNodeKind.CONSUMER)} consumers, ${drawn.edges.length} hops`;
    const config = {
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'default',
      maxTextSize: 100_000_000,
      maxEdges: 1_000_000,
      flowchart: { useMaxWidth: false, htmlLabels: true },
    };
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
      `<meta name="generator" content="${htmlText(`ros-cdk-smq graph, Mermaid ${bundle.version}`)}">`,
      `<title>${htmlText(title)}</title>`,
      '<style>',
      'body { font-family: system-ui, sans-serif; margin: 1rem 1.5rem; color: #212529; }',
      'h1 { font-size: 1.3rem; margin: 0 0 .25rem; } p.summary { margin: 0 0 1rem; color: #495057; }',
      '#diagram { margin: 0; } #error { color: #c92a2a; white-space: pre-wrap; }',
      '</style>',
      '</head>',
      '<body>',
      `<h1>${htmlText(title)}</h1>`,
      `<p class="summary">${htmlText(summary)}</p>`,
      `<pre class="mermaid" id="diagram">${htmlText(TopologyGraph.mermaid(topology))}</pre>`,
      '<pre id="error" hidden></pre>',
      `<script>/*! Mermaid ${scriptComment(bundle.version)}, inlined by ros-cdk-smq. ${scriptComment(bundle.license)} */`,
      inlineScript(bundle.source),
      '</script>',
      '<script>',
      `mermaid.initialize(${JSON.stringify(config)});`,
      "mermaid.run({ nodes: [document.getElementById('diagram')] }).then(function () {",
      "  document.body.setAttribute('data-rendered', 'true');",
      '}, function (error) {',
      "  var box = document.getElementById('error');",
      "  box.textContent = 'The diagram could not be drawn: ' + (error && error.message ? error.message : error);",
      '  box.hidden = false;',
      "  document.body.setAttribute('data-rendered', 'error');",
      '});',
      '</script>',
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }

  private constructor() {}
}

/** The node keys of each style, in the order of `STYLE`, for the kinds that have nodes. */
function keysByStyle(drawn: Layout): Array<[string, string[]]> {
  const keys = new Map<string, string[]>(Object.keys(STYLE).map((kind) => [kind, []]));
  for (const node of [...drawn.stacks.flatMap((stack) => stack.nodes), ...drawn.strays]) {
    keys.get(styleKey(node))!.push(node.key);
  }
  return [...keys].filter(([, list]) => list.length > 0);
}

/** Breaks text into lines of about `width` characters at spaces (a longer word stays whole). */
function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let current = '';
    for (const word of line.split(' ')) {
      if (current !== '' && current.length + 1 + word.length > width) {
        out.push(current);
        current = word;
      } else {
        current = current === '' ? word : `${current} ${word}`;
      }
    }
    out.push(current);
  }
  return out.join('\n');
}

/** Mermaid's browser bundle, its version and its license text. */
interface MermaidBundle {
  readonly source: string;
  readonly version: string;
  readonly license: string;
}

const MISSING_MERMAID = 'the HTML page inlines the Mermaid library, an optional peer dependency of ros-cdk-smq that is not installed: '
  + 'install it with `npm install mermaid`';

function loadMermaid(bundlePath?: string): MermaidBundle {
  let file: string;
  if (bundlePath !== undefined) {
    file = path.resolve(bundlePath);
    if (!fs.existsSync(file)) {
      throw new Error(`the Mermaid bundle ${bundlePath} does not exist (mermaidBundle)`);
    }
  } else {
    try {
      file = require.resolve('mermaid/dist/mermaid.min.js', { paths: [process.cwd(), __dirname] });
    } catch {
      throw new Error(MISSING_MERMAID);
    }
  }
  const source = fs.readFileSync(file, 'utf8');
  // the package's root is the nearest folder above the bundle with a package.json
  let version = 'unknown version';
  let license = '';
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string; license?: string };
      version = pkg.version ?? version;
      const licenseFile = path.join(dir, 'LICENSE');
      license = fs.existsSync(licenseFile) ? fs.readFileSync(licenseFile, 'utf8').trim() : `License: ${pkg.license ?? 'see the mermaid package'}`;
      break;
    }
  }
  return { source, version, license };
}
