// The carrier rules: the built-in set, optionally amended by a user's --rules file.

import { readFile } from 'node:fs/promises';
import { CarrierRegistry } from '../carriers/registry.js';
import { RulesError } from '../carriers/rules-error.js';
import { InputError } from '../io/errors.js';

export async function loadRegistry(rulesPath: string | undefined): Promise<CarrierRegistry> {
  const builtIn = CarrierRegistry.builtIn();
  if (rulesPath === undefined) return builtIn;
  let text: string;
  try {
    text = await readFile(rulesPath, 'utf8');
  } catch {
    throw new InputError({ zh: `读不了规则文件 ${rulesPath}，请检查路径`, en: `Cannot read the rules file ${rulesPath}; check the path` }, rulesPath);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError({ zh: `规则文件不是有效的 JSON：${detail}`, en: `The rules file is not valid JSON: ${detail}` }, rulesPath);
  }
  try {
    return builtIn.withOverrides(data, rulesPath);
  } catch (error) {
    if (error instanceof RulesError) {
      throw new InputError({ zh: `规则文件有错（${error.path || '顶层'}）：${error.problem}`, en: `Error in the rules file at ${error.path || 'top level'}: ${error.problem}` }, rulesPath);
    }
    throw error;
  }
}
