/** The bundled files: complete, consistent with each other, and found from wherever the code runs. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHs10 } from '../../kernel/codes/hs.js';
import { checkCap, checkRate } from './reference.rules.js';
import { CODE_TABLES } from './reference.types.js';
import { loadCodeSeed, loadHsSeed, loadTariffSeed, referenceDataDir } from './seed-data.js';
import { isIsoDate } from './versioning.rules.js';

describe('bundled reference data', () => {
  it('lives in the project, never in ../shared', () => {
    const dir = referenceDataDir();
    expect(dir.endsWith(join('data', 'reference'))).toBe(true);
    expect(existsSync(join(dir, '..', '..', 'package.json'))).toBe(true);
    expect(dir).not.toContain('shared');
  });

  it('has every table, with unique codes', () => {
    const counts = Object.fromEntries(CODE_TABLES.map((t) => [t, loadCodeSeed(t).length]));
    expect(counts).toEqual({ country: 245, currency: 26, unit: 123, district: 1085, transport: 14, packaging: 7 });
    for (const t of CODE_TABLES) {
      const codes = loadCodeSeed(t).map((r) => r.code);
      expect(new Set(codes).size, t).toBe(codes.length);
    }
    expect(loadCodeSeed('currency').find((c) => c.code === '502')).toEqual({ code: '502', name: '美元', nameEn: 'USD' });
  });

  it('has 11,929 distinct valid HS codes, each with a legal unit that the unit table knows', () => {
    const hs = loadHsSeed();
    const units = new Set(loadCodeSeed('unit').map((u) => u.code));
    expect(hs).toHaveLength(11_929);
    expect(new Set(hs.map((h) => h.code)).size).toBe(11_929);
    for (const h of hs) {
      expect(isHs10(h.code), h.code).toBe(true);
      expect(units.has(h.unit1), `${h.code} unit1 ${h.unit1}`).toBe(true);
      if (h.unit2 !== null) expect(units.has(h.unit2), `${h.code} unit2 ${h.unit2}`).toBe(true);
    }
  });

  it('has a starter tariff whose every gcode is in the HS table, with valid rates and caps', () => {
    const hs = new Set(loadHsSeed().map((h) => h.code));
    const units = new Set(loadCodeSeed('unit').map((u) => u.code));
    const seed = loadTariffSeed();
    expect(isIsoDate(seed.effectiveFrom)).toBe(true);
    expect(seed.tariffs.length).toBeGreaterThanOrEqual(40);
    expect(new Set(seed.tariffs.map((t) => t.gcode)).size).toBe(seed.tariffs.length);
    for (const t of seed.tariffs) {
      expect(hs.has(t.gcode), `${t.gcode} is not in hs-codes.json`).toBe(true);
      for (const field of ['dutyRate', 'vatRate', 'consumptionRate'] as const) expect(checkRate(t[field], field)).toBe(t[field]);
      expect(['0.13', '0.09']).toContain(t.vatRate);
      const cap = checkCap(t.yearlyCapQty, t.yearlyCapUnit);
      if (cap) expect(units.has(cap.unit)).toBe(true);
    }
  });

  it('covers the zone\'s trade: high-end cosmetics, wine, spirits, milk powder, cashmere, medicines, electronics, capped sugar and rice', () => {
    const by = (prefix: string) => loadTariffSeed().tariffs.filter((t) => t.gcode.startsWith(prefix));
    expect(by('3304990099')[0]).toMatchObject({ consumptionRate: '0.15', vatRate: '0.13' });
    expect(by('2204').every((t) => t.consumptionRate === '0.1')).toBe(true);
    expect(by('2208').every((t) => t.consumptionRate === '0.2')).toBe(true);
    for (const p of ['0402', '1901', '5102', '6110', '3004', '8517', '8471', '8525', '0201', '0204', '1006', '1701']) expect(by(p).length, p).toBeGreaterThan(0);
    expect(by('1701').every((t) => t.yearlyCapQty === '2' && t.yearlyCapUnit === '035')).toBe(true);
    expect(by('1006').every((t) => t.yearlyCapQty === '20' && t.yearlyCapUnit === '035')).toBe(true);
    expect(by('0201').every((t) => t.vatRate === '0.09')).toBe(true);
  });
});
