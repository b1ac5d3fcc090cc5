/**
 * Matching of template section entries (resources, outputs) and the text of
 * the failure reports built from it.
 */
import { Matcher, MatchResult } from '../matcher';
import { isCloser } from './matchers';
import { plural, renderJson } from './render';

/** One entry of a template section. */
export interface SectionEntry {
  /** The logical id. */
  readonly id: string;
  /** The entry as it appears in the template. */
  readonly value: any;
}

/** An entry that did not match, with the mismatches found. */
export interface SectionMiss {
  readonly entry: SectionEntry;
  readonly result: MatchResult;
}

/** Result of testing every entry of a section. */
export interface SectionScan {
  /** Entries that matched, in template order. */
  readonly matches: SectionEntry[];
  /** Entries that did not match, in template order. */
  readonly misses: SectionMiss[];
}

/**
 * Tests `matcher` against each entry (through `view` when given) and commits
 * the captures of the entries that matched.
 */
export function scanEntries(entries: SectionEntry[], matcher: Matcher, view: (value: any) => any = (v) => v): SectionScan {
  const matches: SectionEntry[] = [];
  const misses: SectionMiss[] = [];
  for (const entry of entries) {
    const result = matcher.test(view(entry.value)).finished();
    if (result.isSuccess) {
      matches.push(entry);
    } else {
      misses.push({ entry, result });
    }
  }
  return { matches, misses };
}

/**
 * The miss that leaves the least of the pattern unsatisfied (lowest
 * `failCost`), then the one with the fewest mismatches, then the first in
 * template order.
 */
export function closestMiss(misses: SectionMiss[]): SectionMiss | undefined {
  let best: SectionMiss | undefined;
  for (const miss of misses) {
    if (best === undefined || isCloser(miss.result, best.result)) {
      best = miss;
    }
  }
  return best;
}


/** The entry's logical id, its indented JSON and its mismatches, one per line. */
export function describeMiss(miss: SectionMiss): string {
  return [
    `'${miss.entry.id}' with ${plural(miss.result.failCount, 'mismatch', 'mismatches')}:`,
    renderJson(miss.entry.value, '  '),
    'Mismatches:',
    ...miss.result.toHumanStrings().map((line) => `  ${line}`),
  ].join('\n');
}

/** `'A', 'B'` (or `none`). */
export function listIds(entries: SectionEntry[]): string {
  return entries.length === 0 ? 'none' : entries.map((e) => `'${e.id}'`).join(', ');
}
