#!/usr/bin/env node
'use strict';
/**
 * The `ros-cdk-smq` command. `ros-cdk-smq graph [cdk.out] [--format mermaid|dot|html] [--out file]` reads a cloud
 * assembly (the folder `ros-cdk synth` writes, or any folder of `*.template.json` files) and prints the SMQ topology of
 * every stack in it, those inside a `ros.Stage` (the nested `assembly-<stage>/` folders) included, as
 * `Routes.fromCloudAssembly` reads them.
 *
 * Exit codes: 0 done (or --help, or the reader of standard output left early, as `| head` does), 1 the command could
 * not be carried out (no such folder, not a cloud assembly, --out naming a file of the assembly it reads, Mermaid
 * missing for --format html, a file that cannot be written), 2 the command line is wrong.
 */
const fs = require('fs');
const path = require('path');

const FORMATS = ['mermaid', 'dot', 'html'];
const TEMPLATE_SUFFIX = '.template.json';
/** The files of a cloud assembly that --out must not overwrite: what `ros-cdk synth` writes, and what graph reads. */
const ASSEMBLY_FILES = ['manifest.json', 'tree.json'];
const ASSEMBLY_SUFFIXES = [TEMPLATE_SUFFIX, '.assets.json'];

const USAGE = `Usage: ros-cdk-smq graph [cdk.out] [--format mermaid|dot|html] [--out file]

Prints the SMQ topology of every stack of a synthesized ROS CDK app: sources -> queues and topics -> consumers, one
box per stack, each hop labelled with its filter, event types and retry and dead-letter settings.

Arguments:
  cdk.out            the cloud assembly folder that \`ros-cdk synth\` wrote (default: cdk.out), or a folder of
                     *.template.json files (one stack each, named after the file)

Options:
  -f, --format FMT   mermaid (default): a Mermaid flowchart, for a \`\`\`mermaid block in Markdown
                     dot: a Graphviz graph (\`dot -Tsvg\`)
                     html: one self-contained page that draws the diagram offline; needs the mermaid package
                     (npm install mermaid)
  -o, --out FILE     write to FILE instead of standard output (never a file of the assembly it reads)
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
  const hasManifest = fs.existsSync(path.join(dir, 'manifest.json'));
  // without a manifest, Routes.fromCloudAssembly reads the templates of the folder and of its assembly-<stage> folders
  if (!hasManifest && !fs.readdirSync(dir, { withFileTypes: true }).some((entry) => entry.name.endsWith(TEMPLATE_SUFFIX) || (entry.name.startsWith('assembly-') && entry.isDirectory()))) {
    throw new CommandError(`${shown}: not a cloud assembly (no manifest.json, no *${TEMPLATE_SUFFIX}); synthesize the app first (ros-cdk synth)`);
  }
  if (options.out !== undefined) {
    refuseAssemblyFile(options.out, dir, shown);
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

/**
 * Refuses an --out that names a file of the assembly being read (its manifest.json, a template, ...), at any depth of
 * the input folder and through symbolic links: writing the diagram there would destroy the input.
 */
function refuseAssemblyFile(out, dir, shown) {
  const target = realTarget(path.resolve(out));
  const relative = path.relative(fs.realpathSync.native(dir), target);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return;
  }
  const name = path.basename(target);
  if (ASSEMBLY_FILES.includes(name) || ASSEMBLY_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    throw new CommandError(`--out ${out} names ${path.join(shown, relative)}, a file of the cloud assembly being read: write the diagram outside ${shown}, or under another name`);
  }
}

/** The file a path names once symbolic links are followed (those of its folder when the file does not exist yet). */
function realTarget(file) {
  if (fs.existsSync(file)) {
    return fs.realpathSync.native(file);
  }
  const parent = path.dirname(file);
  return parent === file || !fs.existsSync(parent) ? file : path.join(realTarget(parent), path.basename(file));
}

/**
 * A reader that leaves early (`ros-cdk-smq graph | head`) closes the pipe: the next write fails with EPIPE, which is
 * emitted on the stream and would end the process with a stack trace. The output is not wanted any more: done.
 * Any other failure of standard output (a full disk) is reported as one line, exit code 1.
 */
function onOutputError(stream, name) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') {
      process.exit(stream === process.stdout ? 0 : process.exitCode);
    }
    if (stream !== process.stderr) {
      process.stderr.write(`ros-cdk-smq: cannot write to ${name}: ${error && error.message ? error.message : error}\n`);
    }
    process.exit(1);
  });
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

onOutputError(process.stdout, 'standard output');
onOutputError(process.stderr, 'standard error');
process.exitCode = main(process.argv.slice(2));
