import * as fs from 'fs';
import * as path from 'path';
import { rulesTable } from './rules-table';

test('lib/checks/RULES.md holds the rule table as SmqChecks.rules() renders it', () => {
  const markdown = fs.readFileSync(path.join(__dirname, '..', '..', 'lib', 'checks', 'RULES.md'), 'utf8');
  expect(markdown).toContain(`${rulesTable()}\n`);
  // one row per rule, no row left over from an older table
  expect(markdown.split('\n').filter((line) => line.startsWith('| SMQ-'))).toHaveLength(13);
});
