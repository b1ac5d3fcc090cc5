/**
 * graph: pictures of the SMQ topology (sources -> channels -> consumers) that `Routes` reads from synthesized
 * templates, as Mermaid, Graphviz DOT or a self-contained HTML page; the `ros-cdk-smq graph` command prints them.
 */
export { TopologyGraph } from './topology-graph';
export type { HtmlOptions } from './topology-graph';
