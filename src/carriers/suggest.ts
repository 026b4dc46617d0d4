// "Did you mean" for carrier names that resolve() does not know: typos (中通快地, 顺风)
// and decorated names (顺丰速运公司, 中通快递（加盟）).
import { carrierKey } from '../core/normalize.js';
import type { Carrier } from './schema.js';

export interface AliasEntry {
  key: string;
  carrier: Carrier;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

// A contained alias must say something: two Chinese characters (中通) or three
// Latin letters (ems), so that "sf" inside an unrelated word does not count.
function meaningful(part: string): boolean {
  const length = Array.from(part).length;
  return /[^\x00-\x7f]/.test(part) ? length >= 2 : length >= 3;
}

/** Lower is closer; undefined means not similar enough to suggest. */
function distanceScore(input: string, alias: string): number | undefined {
  if (input === alias) return 0;
  const [shorter, longer] = input.length <= alias.length ? [input, alias] : [alias, input];
  const shortLength = Array.from(shorter).length;
  const longLength = Array.from(longer).length;
  // Containment ranks before any typo: "中通快递（加盟）" is 中通快递 plus noise.
  if (meaningful(shorter) && longer.includes(shorter)) return 0.1 * (1 - shortLength / longLength);
  const allowed = Math.max(1, Math.floor(longLength / 3));
  // The distance is at least the difference in length; skip the table when that is already too much.
  if (longLength - shortLength > allowed) return undefined;
  const distance = editDistance(input, alias);
  if (distance > allowed) return undefined;
  return 0.1 + distance / longLength;
}

// Words every carrier name shares; a name made only of them ("快递", "物流公司") names no carrier.
const GENERIC = /快递|速递|速运|快运|物流|有限公司|公司|express|logistics/g;

export function suggestCarriers(aliases: readonly AliasEntry[], name: string, limit: number): Carrier[] {
  const input = carrierKey(name);
  if (input.replace(GENERIC, '') === '' || limit <= 0) return [];
  const best = new Map<Carrier, number>();
  for (const { key, carrier } of aliases) {
    const score = distanceScore(input, key);
    if (score === undefined) continue;
    const previous = best.get(carrier);
    if (previous === undefined || score < previous) best.set(carrier, score);
  }
  return [...best]
    .sort(([a, scoreA], [b, scoreB]) => scoreA - scoreB || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map(([carrier]) => carrier);
}
