/**
 * The example app's Mermaid diagram in README.md, between `<!-- graph:begin -->` and `<!-- graph:end -->`.
 * test/graph/readme.test.ts fails when it is out of date; `npm run graph:readme` (this file run as a script) rewrites it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../examples/app';
import { TopologyGraph } from '../../lib/graph';
import { Routes } from '../../lib/routes/routes';

/** The line before the diagram. */
export const BEGIN = '<!-- graph:begin -->';
/** The line after the diagram. */
export const END = '<!-- graph:end -->';
/** The README this block lives in. */
export const README = path.join(__dirname, '..', '..', 'README.md');
/** How to refresh the block. */
export const REFRESH = 'npm run graph:readme';

/**
 * The example app's topology as `ros-cdk-smq graph cdk.out` prints it: the app synthesized into a fresh folder, read
 * back as a cloud assembly, drawn as Mermaid.
 */
export function exampleDiagram(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-readme-'));
  try {
    buildApp(outdir).synth();
    return TopologyGraph.mermaid(Routes.fromCloudAssembly(outdir).topology);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The block as the README holds it: the markers around a ```mermaid fence. */
export function block(diagram: string): string {
  return `${BEGIN}\n\`\`\`mermaid\n${diagram}\`\`\`\n${END}`;
}

/** Where the block is in a README text: [start of BEGIN, end of END]. Throws unless each marker is there exactly once, in order. */
export function blockRange(readme: string): [number, number] {
  const count = (marker: string): number => readme.split(marker).length - 1;
  if (count(BEGIN) !== 1 || count(END) !== 1) {
    throw new Error(`README.md must hold ${BEGIN} and ${END} once each (found ${count(BEGIN)} and ${count(END)})`);
  }
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END) + END.length;
  if (end < start) {
    throw new Error(`README.md has ${END} before ${BEGIN}`);
  }
  return [start, end];
}

/** The README text with the block replaced by the one for `diagram`. */
export function withDiagram(readme: string, diagram: string): string {
  const [start, end] = blockRange(readme);
  return `${readme.slice(0, start)}${block(diagram)}${readme.slice(end)}`;
}

if (require.main === module) {
  const readme = fs.readFileSync(README, 'utf8');
  const updated = withDiagram(readme, exampleDiagram());
  if (updated === readme) {
    console.log('README.md: the topology graph is up to date');
  } else {
    fs.writeFileSync(README, updated);
    console.log('README.md: the topology graph is updated');
  }
}
