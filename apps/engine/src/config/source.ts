// Where one setting's text comes from while resolving: its flag, else its environment variable.
import type { ParsedArgs } from './flags.js';

/** The environment as resolveConfig reads it. */
export type Env = Record<string, string | undefined>;

/** A setting's text from the command line and the environment. */
export interface SettingSource {
  readonly env: Env;
  /** The flag's value as given (possibly empty). */
  flag(name: string): string | undefined;
  /** The flag if given and non-empty, else the environment variable if set and non-empty. */
  pick(flagName: string, envName?: string): string | undefined;
}

/** Reads settings from parsed flags, then from `env`. */
export function settingSource(flags: ParsedArgs['flags'], env: Env): SettingSource {
  return {
    env,
    flag: (name) => flags.get(name),
    pick(flagName, envName) {
      const f = flags.get(flagName);
      if (f !== undefined && f !== '') return f;
      const e = envName ? env[envName] : undefined;
      return e !== undefined && e !== '' ? e : undefined;
    },
  };
}
