// Checks that need the whole carrier list: ids, format ids, partner references and
// aliases. An alias two carriers claim would make "邮政" or "JD" resolve by file order,
// so it is an error, not a tie to break.
import { carrierKey } from '../core/normalize.js';
import type { RulesProblem } from './rules-error.js';
import type { Carrier } from './schema.js';

export interface CrossIssue {
  /** Index into the carrier list. */
  index: number;
  /** Path inside that carrier, e.g. ['names', 2]. */
  path: (string | number)[];
  message: RulesProblem;
}

type CheckedCarrier = Pick<Carrier, 'id' | 'displayName' | 'names' | 'codes' | 'partners' | 'formats'>;

/** Every string that names the carrier, with where it sits in the record. */
export function carrierAliases(carrier: Pick<Carrier, 'id' | 'displayName' | 'names' | 'codes'>) {
  const aliases: { alias: string; path: (string | number)[] }[] = [
    { alias: carrier.id, path: ['id'] },
    { alias: carrier.displayName, path: ['displayName'] },
  ];
  carrier.names.forEach((alias, i) => aliases.push({ alias, path: ['names', i] }));
  for (const [platform, code] of Object.entries(carrier.codes)) {
    if (code !== undefined) aliases.push({ alias: code, path: ['codes', platform] });
  }
  return aliases;
}

/**
 * @param preferred indexes whose carriers came from the file being loaded (an override);
 *   a clash is reported there, since that is the file the user can edit.
 */
export function crossCheckCarriers(carriers: readonly CheckedCarrier[], preferred?: ReadonlySet<number>): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const blame = (a: number, b: number) => (preferred && preferred.has(a) && !preferred.has(b) ? a : b);

  const ids = new Map<string, number>();
  const formatIds = new Map<string, number>();
  const aliasOwner = new Map<string, { index: number; alias: string; path: (string | number)[] }>();

  carriers.forEach((carrier, index) => {
    const firstWithId = ids.get(carrier.id);
    if (firstWithId !== undefined) issues.push({ index, path: ['id'], message: { en: `duplicate carrier id "${carrier.id}"`, zh: `快递公司 id「${carrier.id}」重复了；每家快递公司只写一项` } });
    else ids.set(carrier.id, index);

    carrier.formats.forEach((format, f) => {
      const owner = formatIds.get(format.id);
      if (owner !== undefined) {
        const by = carriers[owner]?.id;
        issues.push({ index, path: ['formats', f, 'id'], message: { en: `format id "${format.id}" is already used by ${by}; give it another id`, zh: `格式 id「${format.id}」已被快递公司 ${by} 使用；请换一个 id` } });
      } else formatIds.set(format.id, index);
    });

    for (const { alias, path } of carrierAliases(carrier)) {
      const key = carrierKey(alias);
      if (key === '') {
        issues.push({ index, path, message: { en: `alias "${alias}" is empty once spaces and punctuation are dropped`, zh: `别名「${alias}」去掉空格和标点后什么都不剩；请删去它` } });
        continue;
      }
      const owner = aliasOwner.get(key);
      if (owner === undefined) aliasOwner.set(key, { index, alias, path });
      else if (owner.index !== index) {
        const here = blame(owner.index, index) === index;
        const [mine, theirs, other] = here ? [alias, owner.alias, carriers[owner.index]?.id] : [owner.alias, alias, carrier.id];
        issues.push({
          index: here ? index : owner.index,
          path: here ? path : owner.path,
          message: {
            en: `alias "${mine}" is also an alias of carrier "${other}" ("${theirs}"); a name can stand for one carrier only: remove or change it`,
            zh: `别名「${mine}」也是快递公司 ${other} 的别名（「${theirs}」）；一个名称只能对应一家快递公司，请删去或改掉它`,
          },
        });
      }
    }
  });

  carriers.forEach((carrier, index) => {
    carrier.partners.forEach((partner, p) => {
      if (!ids.has(partner)) issues.push({ index, path: ['partners', p], message: { en: `unknown partner carrier "${partner}" (ship carriers lists the ids)`, zh: `partners 里的「${partner}」不是已知的快递公司 id（ship carriers 列出全部 id）` } });
    });
  });
  return issues;
}
