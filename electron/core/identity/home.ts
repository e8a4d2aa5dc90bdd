/** Where identities live: STEWARD_HOME, else the OS's app-data folder (as Electron's userData). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const stewardHome = (
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string => {
  if (env.STEWARD_HOME) return env.STEWARD_HOME;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Steward');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Steward');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Steward');
};
