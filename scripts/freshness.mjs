// Whether a build output is older than its sources: used by npm start and npm test to build only when needed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time (ms) of any file under `dir`, 0 when absent. */
export function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when `output` is missing or older than anything under `sourceDir`. */
export const stale = (output, sourceDir) => !existsSync(output) || newest(sourceDir) > statSync(output).mtimeMs;
