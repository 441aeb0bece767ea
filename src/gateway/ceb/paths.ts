/**
 * Where the bundled schemas live. The app must not depend on the working directory or on ../shared, and the
 * same code runs from src/ (tsx, vitest) and from dist/, so walk up to the folder that holds package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(from: string): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cbec: no package.json above ${from}`);
    dir = up;
  }
}

/** The folder of the official CEB XSD files shipped with cbec (data/ceb/xsd). */
export const xsdDir = (): string => join(projectRoot(import.meta.url), 'data', 'ceb', 'xsd');

/** File names of the official schemas, as their `schemaLocation`s refer to them. */
export const xsdFiles = {
  import: 'import-node-202205.xsd',
  export: 'export-node-202205.xsd',
  terminal: 'terminal-node-202205.xsd',
  transfer: 'transfer-node-202205.xsd',
  xmldsig: 'xmldsig-core-schema.xsd',
} as const;
