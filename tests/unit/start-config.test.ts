import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm install` and `npm start` must print no warning that comes from the project's own
// configuration: an .npmrc key npm does not know, an install script no allowScripts entry covers,
// or an engines range that the Electron it installs does not accept.
const root = resolve(import.meta.dirname, '../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const pkg = readJson(join(root, 'package.json')) as {
  engines: { node: string };
  allowScripts: Record<string, boolean>;
};

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** Names of the installed packages that have an install script npm would run (not bundled). */
const withInstallScripts = (dir: string, found = new Set<string>()): Set<string> => {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const packages = entry.startsWith('@')
      ? readdirSync(join(dir, entry)).map((name) => join(entry, name))
      : [entry];
    for (const name of packages) {
      const manifest = join(dir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const json = readJson(manifest) as { scripts?: Record<string, string>; name?: string };
      if (INSTALL_SCRIPTS.some((s) => json.scripts?.[s] !== undefined)) found.add(name);
      withInstallScripts(join(dir, name, 'node_modules'), found);
    }
  }
  return found;
};

const minimum = (range: string): number[] => {
  const m = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`not a plain ">=" range: ${range}`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
};

const atLeast = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
};

describe('install configuration', () => {
  it('has no project .npmrc key npm does not know', () => {
    const run = spawnSync('npm', ['config', 'list'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/Unknown project config/);
  });

  it('covers every installed install script in allowScripts, denying the GPU download', () => {
    const scripts = withInstallScripts(join(root, 'node_modules'));
    expect(scripts.has('onnxruntime-node')).toBe(true);
    const uncovered = [...scripts].filter((name) => !(name in pkg.allowScripts));
    expect(uncovered).toEqual([]);
    // Its script downloads CUDA libraries; the CPU binary ships inside the package.
    expect(pkg.allowScripts['onnxruntime-node']).toBe(false);
  });

  it('asks for at least the Node that the Electron it installs asks for', () => {
    const electron = readJson(join(root, 'node_modules/electron/package.json')) as {
      engines: { node: string };
    };
    expect(atLeast(minimum(pkg.engines.node), minimum(electron.engines.node))).toBe(true);
  });
});
