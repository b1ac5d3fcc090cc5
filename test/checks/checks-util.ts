import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { CheckFinding, ChecksReport, SmqChecks, SmqChecksOptions } from '../../lib/checks';

/** An app synthesized into a fresh directory with the checks applied, and its report. */
export interface Checked {
  readonly app: ros.App;
  readonly stack: ros.Stack;
  readonly outdir: string;
  readonly report: ChecksReport;
  /** The findings (not suppressed) of one rule. */
  findings(ruleId: string): CheckFinding[];
}

/** A fresh output directory. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'smq-checks-'));
}

/**
 * Builds a stack `stackName` with `build`, applies the checks to the app (no summary line), synthesizes it and reads
 * the report.
 */
export function checked(build: (stack: ros.Stack, app: ros.App) => void, stackName = 'Shop', options: SmqChecksOptions = { printSummary: false }): Checked {
  const outdir = tempDir();
  const app = new ros.App({ outdir });
  const stack = new ros.Stack(app, stackName);
  build(stack, app);
  SmqChecks.applyTo(app, options);
  app.synth();
  const report = readReport(outdir);
  return { app, stack, outdir, report, findings: (ruleId) => report.findings.filter((f) => f.ruleId === ruleId) };
}

/** The report in `outdir`. */
export function readReport(outdir: string): ChecksReport {
  return JSON.parse(fs.readFileSync(path.join(outdir, SmqChecks.REPORT_FILE), 'utf8'));
}

/** The findings of one rule in a template made of `resources` (checked as stack `Raw`). */
export function templateFindings(ruleId: string, resources: { [logicalId: string]: unknown }, parameters: { [name: string]: unknown } = {}): CheckFinding[] {
  const template = { ROSTemplateFormatVersion: '2015-09-01', Parameters: parameters, Resources: resources };
  return SmqChecks.checkTemplate(template, 'Raw').filter((f) => f.ruleId === ruleId);
}

/** `[ruleId] <what> at <path>: ` — the start of a finding's message. */
export function head(ruleId: string, what: string, at: string): string {
  return `[${ruleId}] ${what} at ${at}: `;
}

/** The why and fix of a rule as a message ends with them. */
export function tail(ruleId: string): string {
  const rule = SmqChecks.rules().find((r) => r.id === ruleId)!;
  return `${rule.why}. Fix: ${rule.fix}.`;
}

/** `{ Fn::GetAtt: [id, attribute] }` */
export function att(id: string, attribute: string): { 'Fn::GetAtt': string[] } {
  return { 'Fn::GetAtt': [id, attribute] };
}

/** A raw `ALIYUN::MNS::Queue` resource. */
export function rawQueue(name: string, properties: { [key: string]: unknown } = {}): { Type: string; Properties: { [key: string]: unknown } } {
  return { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: name, ...properties } };
}
