// npm start: build what is missing or stale (server, console), then `cbec serve`.
import { existsSync } from 'node:fs';
import { stale } from './freshness.mjs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');


function run(what, args) {
  const started = Date.now();
  process.stdout.write(`building ${what}…\n`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  process.stdout.write(`built ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const serverOut = join(root, 'dist', 'cli', 'main.js');
if (stale(serverOut, join(root, 'src'))) {
  run('server', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
}
const webOut = join(root, 'web', 'dist', 'index.html');
if (existsSync(join(root, 'web', 'index.html')) && stale(webOut, join(root, 'web', 'src'))) {
  run('console', [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}
process.argv = [process.argv[0], serverOut, 'serve', ...process.argv.slice(2)];
await import(pathToFileURL(serverOut).href);
