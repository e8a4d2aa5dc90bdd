// @ts-check
// `npm start`: build what is missing or stale, then run the app in Electron if its binary is here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const outputs = [
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/cli/index.js',
];
const sources = ['electron', 'renderer', 'shared'];

/** @param {string} path */
const mtime = (path) => statSync(join(root, path)).mtimeMs;

const newestSource = () =>
  Math.max(
    ...sources.flatMap((dir) =>
      existsSync(join(root, dir))
        ? readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) =>
            mtime(join(dir, f)),
          )
        : [],
    ),
  );

const needsBuild = () =>
  outputs.some((path) => !existsSync(join(root, path))) ||
  Math.min(...outputs.map(mtime)) < newestSource();

// Where the electron package keeps its binary; it downloads it on first use, which we do not
// want to happen behind a plain `npm start`.
const electronBinary = () => {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(dir, 'package.json'))) return undefined;
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformBinaryName();
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(dir, 'dist');
  const binary = join(distDir, name);
  return existsSync(binary) ? binary : undefined;
};

const platformBinaryName = () => {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
};

if (needsBuild()) {
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const binary = electronBinary();
if (binary === undefined) {
  console.error(
    "steward: Electron's binary is not on this machine (offline?), so the app opens in your browser instead:",
  );
}

// Without Electron, the same UI is served to this machine's browser (`steward app`).
const child =
  binary === undefined
    ? spawn(process.execPath, [join(root, 'bin', 'steward.mjs'), 'app', ...process.argv.slice(2)], {
        cwd: root,
        stdio: 'inherit',
      })
    : spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('close', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => child.kill(signal));
}
