// The carrier rules: the built-in set, optionally amended by a user's --rules file.
// The code that checks a rules file (zod, the pattern checks) is loaded only for one.

import { CarrierRegistry } from '../carriers/registry.js';
import { RulesError } from '../carriers/rules-error.js';
import { InputError } from '../io/errors.js';
import { readJsonFile } from '../io/read-json-file.js';

/** Where a rules file was named: on the command line, or by a config file (its path). */
export interface RulesSource {
  path: string;
  /** The config file whose `rules` names it, for the message when it cannot be read. */
  namedBy?: string;
}

export async function loadRegistry(rules: RulesSource | string | undefined): Promise<CarrierRegistry> {
  const builtIn = CarrierRegistry.builtIn();
  if (rules === undefined) return builtIn;
  const { path, namedBy } = typeof rules === 'string' ? { path: rules, namedBy: undefined } : rules;
  const data = await readJsonFile(path, 'rules', namedBy === undefined ? {} : { namedBy });
  const { withOverrides } = await import('../carriers/load.js');
  try {
    return withOverrides(builtIn, data, path);
  } catch (error) {
    if (error instanceof RulesError) {
      const at = error.path || '顶层';
      throw new InputError({ zh: `规则文件有错（${at}）：${error.problemZh}`, en: `Error in the rules file at ${error.path || 'top level'}: ${error.problem}` }, path);
    }
    throw error;
  }
}
