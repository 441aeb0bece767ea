/**
 * The bundled reference files in `data/reference/`. The app ships them itself (it never reads ../shared at
 * run time) and finds them by walking up from this file, which works from `src/` under tsx or vitest and
 * from the compiled `dist/` alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeTable } from './reference.types.js';

export interface CodeSeed {
  code: string;
  name: string;
  nameEn: string | null;
}

export interface HsSeed {
  code: string;
  name: string;
  unit1: string;
  unit2: string | null;
  elements: string[];
}

export interface TariffSeed {
  gcode: string;
  dutyRate: string;
  vatRate: string;
  consumptionRate: string;
  positiveList: boolean;
  yearlyCapQty: string | null;
  yearlyCapUnit: string | null;
  note: string | null;
}

/** Code-table rows and HS lines are seeded as in force since before the platform's records begin. */
export const SEED_EFFECTIVE_FROM = '2000-01-01';

export const CODE_TABLE_FILES: Record<CodeTable, string> = {
  country: 'countries.json',
  currency: 'currencies.json',
  unit: 'units.json',
  district: 'customs-districts.json',
  transport: 'transport-modes.json',
  packaging: 'packaging.json',
};

let dataDir: string | undefined;

/** The folder holding the bundled files: the nearest `data/reference/` above this module. */
export function referenceDataDir(): string {
  if (dataDir) return dataDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'data', 'reference');
    if (existsSync(join(dir, 'package.json')) && existsSync(join(candidate, 'hs-codes.json'))) return (dataDir = candidate);
    const up = dirname(dir);
    if (up === dir) throw new Error(`reference data not found: no data/reference/hs-codes.json in any folder above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

// Parsed once per process: every test platform migrates a fresh database from the same files.
const parsed = new Map<string, unknown>();
function readJson<T>(file: string): T {
  if (!parsed.has(file)) parsed.set(file, JSON.parse(readFileSync(join(referenceDataDir(), file), 'utf8')));
  return parsed.get(file) as T;
}

export function loadCodeSeed(table: CodeTable): CodeSeed[] {
  const rows = readJson<Array<{ code: string; name: string; nameEn?: string; iso?: string }>>(CODE_TABLE_FILES[table]);
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn ?? r.iso ?? null }));
}

export function loadHsSeed(): HsSeed[] {
  return readJson<HsSeed[]>('hs-codes.json');
}

export function loadTariffSeed(): { effectiveFrom: string; tariffs: TariffSeed[] } {
  return readJson<{ effectiveFrom: string; tariffs: TariffSeed[] }>('tariffs.json');
}
