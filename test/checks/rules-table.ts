import { SmqChecks } from '../../lib/checks';

/** The rule table of lib/checks/RULES.md, rendered from `SmqChecks.rules()`. */
export function rulesTable(): string {
  const cell = (text: string): string => (text.charAt(0).toUpperCase() + text.slice(1)).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const link = (url: string): string => `[${url.replace(/\/$/, '').split('/').pop()}](${url})`;
  const rows = SmqChecks.rules().map((r) => `| ${r.id} | ${r.level} | ${cell(r.title)} | ${cell(r.why)}. | ${cell(r.fix)}. | ${cell(r.note ?? '')} | ${r.references.map(link).join(', ')} |`);
  return ['| Rule | Level | Flags | Why it matters | Fix | Reads / leaves out | Sources |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}
