// Colour only for people: chalk decides by the stream being a terminal and by
// FORCE_COLOR, but it does not honour NO_COLOR, so that is done here.

import { Chalk, type ChalkInstance } from 'chalk';

export interface ColorChoice {
  /** --color / --no-color; undefined when neither was given. */
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function wantsColor({ flag, env, isTTY }: ColorChoice): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
