/** What the command line reads from its environment: identity home, clock, passphrase. */
import password from '@inquirer/password';
import { StewardError } from '../../shared/errors';
import { stewardHome } from '../core/identity/home';
import { Keystore, type Signer } from '../core/identity/keystore';

export type CliEnv = {
  keystore: Keystore;
  now: () => Date;
  passphrase: (purpose: 'unlock' | 'create') => Promise<string>;
  /** STEWARD_GIT_TOKEN (and STEWARD_GIT_USERNAME): credentials for a forge's git remote. */
  gitToken?: { username: string; password: string };
  /** STEWARD_SESSION_CODE: the code `serve --host` asks browsers for, instead of a random one. */
  sessionCode?: string;
  /** STEWARD_SESSION_IDLE_MINUTES: how long `serve` keeps a participant's key with no request. */
  sessionIdleMs?: number;
};

const idleFrom = (env: NodeJS.ProcessEnv): number | undefined => {
  const text = env.STEWARD_SESSION_IDLE_MINUTES;
  if (text === undefined || text === '') return undefined;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 7 * 24 * 60) {
    throw new StewardError(
      'invalid-argument',
      `STEWARD_SESSION_IDLE_MINUTES="${text}" is not a number of minutes (more than 0, at most a week)`,
    );
  }
  return minutes * 60_000;
};

/** STEWARD_NOW overrides the clock (ISO 8601), as GIT_COMMITTER_DATE does for git. */
export const clockFrom = (env: NodeJS.ProcessEnv): (() => Date) => {
  const fixed = env.STEWARD_NOW;
  if (!fixed) return () => new Date();
  const at = Date.parse(fixed);
  if (!/^\d{4}-\d{2}-\d{2}/.test(fixed) || Number.isNaN(at)) {
    throw new StewardError('invalid-argument', `STEWARD_NOW="${fixed}" is not an ISO 8601 date`);
  }
  return () => new Date(at);
};

export const cliEnv = (env: NodeJS.ProcessEnv = process.env): CliEnv => ({
  keystore: new Keystore(stewardHome(env)),
  ...(env.STEWARD_GIT_TOKEN !== undefined
    ? {
        gitToken: {
          username: env.STEWARD_GIT_USERNAME ?? 'token',
          password: env.STEWARD_GIT_TOKEN,
        },
      }
    : {}),
  now: clockFrom(env),
  ...(env.STEWARD_SESSION_CODE ? { sessionCode: env.STEWARD_SESSION_CODE.toUpperCase() } : {}),
  ...(idleFrom(env) !== undefined && { sessionIdleMs: idleFrom(env) }),
  passphrase: async (purpose) => {
    if (env.STEWARD_PASSPHRASE !== undefined) return env.STEWARD_PASSPHRASE;
    if (!process.stdin.isTTY) {
      throw new StewardError(
        'passphrase-required',
        'a passphrase is needed: set STEWARD_PASSPHRASE or run in a terminal',
      );
    }
    const first = await password({
      message: purpose === 'create' ? 'New passphrase:' : 'Passphrase:',
      mask: '*',
    });
    if (purpose === 'create') {
      const again = await password({ message: 'Repeat the passphrase:', mask: '*' });
      if (again !== first) throw new StewardError('invalid-argument', 'the two passphrases differ');
    }
    return first;
  },
});

export const unlock = async (env: CliEnv): Promise<Signer> => {
  await env.keystore.show();
  return env.keystore.unlock(await env.passphrase('unlock'));
};
