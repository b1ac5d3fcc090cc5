#!/usr/bin/env node
'use strict';
/**
 * The `ros-cdk-smq` command. `ros-cdk-smq graph [cdk.out] [--format mermaid|dot|html] [--out file]` reads a cloud
 * assembly (the folder `ros-cdk synth` writes) and prints the SMQ topology of every stack in it.
 *
 * Exit codes: 0 done (or --help), 1 the command could not be carried out (no such folder, not a cloud assembly,
 * Mermaid missing for --format html, a file that cannot be written), 2 the command line is wrong.
 */
const fs = require('fs');
const path = require('path');

const FORMATS = ['mermaid', 'dot', 'html'];

const USAGE = `Usage: ros-cdk-smq graph [cdk.out] [--format mermaid|dot|html] [--out file]

Prints the SMQ topology of every stack of a synthesized ROS CDK app: sources -> queues and topics -> consumers, one
box per stack, each hop labelled with its filter, event types and retry and dead-letter settings.

Arguments:
  cdk.out            the cloud assembly folder that \`ros-cdk synth\` wrote (default: cdk.out)

Options:
  -f, --format FMT   mermaid (default): a Mermaid flowchart, for a \`\`\`mermaid block in Markdown
                     dot: a Graphviz graph (\`dot -Tsvg\`)
                     html: one self-contained page that draws the diagram offline; needs the mermaid package
                     (npm install mermaid)
  -o, --out FILE     write to FILE instead of standard output
  -h, --help         show this help

Exit codes: 0 done, 1 could not be done (missing folder, not a cloud assembly, ...), 2 wrong command line.

Examples:
  npx ros-cdk-smq graph
  npx ros-cdk-smq graph cdk.out --format dot --out topology.dot && dot -Tsvg topology.dot -o topology.svg
  npx ros-cdk-smq graph cdk.out --format html --out topology.html
`;

/** A wrong command line: exit code 2, with a pointer to --help. */
class UsageError extends Error {}
/** A command that cannot be carried out: exit code 1. */
class CommandError extends Error {}

function parse(argv) {
  const options = { help: false, command: undefined, dir: undefined, format: 'mermaid', out: undefined };
  const valueOf = (name, inline, rest) => {
    if (inline !== undefined) {
      if (inline === '') {
        throw new UsageError(`${name} needs a value`);
      }
      return inline;
    }
    if (rest.length === 0 || (rest[0].startsWith('-') && rest[0] !== '-')) {
      throw new UsageError(`${name} needs a value`);
    }
    return rest.shift();
  };
  const rest = [...argv];
  let positional = [];
  while (rest.length > 0) {
    const arg = rest.shift();
    if (arg === '--') {
      positional = positional.concat(rest.splice(0));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (name === '-h' || name === '--help') {
      options.help = true;
    } else if (name === '-f' || name === '--format') {
      options.format = valueOf('--format', inline, rest);
    } else if (name === '-o' || name === '--out') {
      options.out = valueOf('--out', inline, rest);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (options.help) {
    return options;
  }
  options.command = positional.shift();
  if (options.command === undefined) {
    throw new UsageError('no command given');
  }
  if (options.command !== 'graph') {
    throw new UsageError(`unknown command ${JSON.stringify(options.command)} (the only command is graph)`);
  }
  options.dir = positional.shift();
  if (positional.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positional[0])} (graph reads one cloud assembly)`);
  }
  if (!FORMATS.includes(options.format)) {
    throw new UsageError(`unknown format ${JSON.stringify(options.format)}: use one of ${FORMATS.join(', ')}`);
  }
  return options;
}

/** The package's compiled modules (`dist/lib/...`); a checkout must be built first. */
function load(relative) {
  const file = path.join(__dirname, '..', 'dist', 'lib', relative);
  if (!fs.existsSync(`${file}.js`)) {
    throw new CommandError(`${path.relative(process.cwd(), `${file}.js`) || file} is missing: build the package first (npm run build)`);
  }
  return require(file);
}

function graph(options, stdout) {
  const dir = path.resolve(options.dir === undefined ? 'cdk.out' : options.dir);
  const shown = options.dir === undefined ? 'cdk.out' : options.dir;
  if (!fs.existsSync(dir)) {
    throw new CommandError(`${shown}: no such folder; synthesize the app first (ros-cdk synth), or name its cloud assembly folder`);
  }
  if (!fs.statSync(dir).isDirectory()) {
    throw new CommandError(`${shown}: not a folder; give the cloud assembly folder that ros-cdk synth wrote`);
  }
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new CommandError(`${shown}: not a cloud assembly (no manifest.json); synthesize the app first (ros-cdk synth)`);
  }
  if (options.format === 'html' && options.out === undefined && stdout.isTTY) {
    throw new UsageError('--format html writes a page of several megabytes: give --out FILE (or redirect the output)');
  }
  const { Routes } = load(path.join('routes', 'routes'));
  const { TopologyGraph } = load(path.join('graph', 'index'));
  let topology;
  try {
    topology = Routes.fromCloudAssembly(dir).topology;
  } catch (error) {
    throw new CommandError(`${shown}: ${error && error.message ? error.message : error}`);
  }
  let text;
  try {
    text = options.format === 'html' ? TopologyGraph.html(topology) : options.format === 'dot' ? TopologyGraph.dot(topology) : TopologyGraph.mermaid(topology);
  } catch (error) {
    throw new CommandError(error && error.message ? error.message : String(error));
  }
  if (options.out === undefined) {
    stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(options.out, text);
  } catch (error) {
    throw new CommandError(`cannot write ${options.out}: ${error && error.message ? error.message : error}`);
  }
  const channels = topology.nodes.filter((node) => node.kind === 'channel').length;
  const stacks = new Set(topology.nodes.map((node) => node.stack)).size;
  process.stderr.write(`wrote ${options.out} (${options.format}: ${stacks} stacks, ${channels} channels, ${topology.edges.length} hops)\n`);
}

function main(argv) {
  try {
    const options = parse(argv);
    if (options.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    graph(options, process.stdout);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ros-cdk-smq: ${error.message}\nUsage: ros-cdk-smq graph [cdk.out] [--format mermaid|dot|html] [--out file] (ros-cdk-smq --help)\n`);
      return 2;
    }
    if (error instanceof CommandError) {
      process.stderr.write(`ros-cdk-smq: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
