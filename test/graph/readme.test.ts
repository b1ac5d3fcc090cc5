import * as fs from 'fs';
import { BEGIN, block, blockRange, END, exampleDiagram, README, REFRESH, withDiagram } from './readme-block';

describe('the README topology graph', () => {
  test('is the example app\'s diagram as it is now', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const [start, end] = blockRange(readme);
    const actual = readme.slice(start, end);
    const expected = block(exampleDiagram());
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      let line = 0;
      while (line < a.length && line < e.length && a[line] === e[line]) {
        line++;
      }
      throw new Error([
        `README.md's topology graph (between ${BEGIN} and ${END}) is out of date: run \`${REFRESH}\` to refresh it.`,
        `First difference at line ${line + 1} of the block:`,
        `  README:   ${a[line] ?? '(end of block)'}`,
        `  expected: ${e[line] ?? '(end of block)'}`,
      ].join('\n'));
    }
    // the diagram is what the test compares, not an empty block: every channel of the example app is in it
    expect(actual).toContain('```mermaid\nflowchart LR\n');
    expect(actual).toContain('[("SmqWorkQueue-Jobs<br/>MNS::Queue');
    expect(actual).toContain('{{"orders<br/>MNS::Topic"}}');
  });

  test('sits in the section "## Topology graph", with a runnable snippet before it', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf('\n## Topology graph\n'));
    expect(section.indexOf(BEGIN)).toBeGreaterThan(0);
    expect(section.indexOf(BEGIN)).toBeLessThan(section.indexOf('\n## ', 1) === -1 ? Infinity : section.indexOf('\n## ', 1));
    expect(section.slice(0, section.indexOf(BEGIN))).toContain('npx ros-cdk-smq graph');
  });

  test('refreshing rewrites only the block, and a second refresh changes nothing', () => {
    const old = `# App\n\ntext before\n\n${BEGIN}\n\`\`\`mermaid\nflowchart LR\n  stale\n\`\`\`\n${END}\n\ntext after\n`;
    const diagram = 'flowchart LR\n  n0["new"]\n';
    const updated = withDiagram(old, diagram);
    expect(updated).toBe(`# App\n\ntext before\n\n${BEGIN}\n\`\`\`mermaid\nflowchart LR\n  n0["new"]\n\`\`\`\n${END}\n\ntext after\n`);
    expect(withDiagram(updated, diagram)).toBe(updated);
  });

  test('a README without the markers, or with them twice or out of order, is refused', () => {
    expect(() => withDiagram('# App\n', 'flowchart LR\n')).toThrow(`README.md must hold ${BEGIN} and ${END} once each (found 0 and 0)`);
    expect(() => withDiagram(`${BEGIN}\n${END}\n${BEGIN}\n`, 'x')).toThrow('(found 2 and 1)');
    expect(() => withDiagram(`${END}\n${BEGIN}\n`, 'x')).toThrow(`README.md has ${END} before ${BEGIN}`);
  });
});
