/**
 * `npm run synth`: synthesizes the example app into cdk.out/ without the ROS CDK CLI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from './app';

const outdir = path.resolve(__dirname, '..', 'cdk.out');
fs.rmSync(outdir, { recursive: true, force: true });
const assembly = buildApp(outdir, true).synth();
for (const stack of assembly.stacks) {
  for (const message of stack.messages) {
    console.log(`${message.level}: ${message.id.replace(/^\//, '')}: ${message.entry.data}`);
  }
  const resources = Object.values((stack.template as { Resources?: { [id: string]: { Type: string } } }).Resources ?? {});
  console.log(`${stack.stackName}: ${resources.length} resources -> ${path.relative(process.cwd(), path.join(outdir, stack.templateFile))}`);
}
console.log(`synthesized ${assembly.stacks.length} stacks into ${path.relative(process.cwd(), outdir) || '.'}`);
