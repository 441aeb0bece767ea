/**
 * Use cases of the reference module: look-ups for other modules (cached), browsing, and operator edits of
 * code tables, HS lines, tariffs and regulation versions. Each edit is one transaction that plans the new
 * version (versioning.rules.ts), writes it and appends the audit record.
 */
import type { Clock } from '../../kernel/clock.js';
import { invalid, notFound } from '../../kernel/errors.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { readCache } from './cache.js';
import { createReferenceStore, type Paging, type StoredTariff } from './reference.store.js';
import { checkCap, checkCode, checkHsFormat, checkRate, checkTable, checkText, invalidHs, invalidUnit } from './reference.rules.js';
import type { CodeEntry, CodeInput, CodeTable, HsCode, HsEntry, HsInput, ReferenceLookup, Tariff, TariffInput } from './reference.types.js';
import { createRegulationService } from './regulation.service.js';
import { checkDate, inForce, planVersion, shanghaiDate, type IsoDate, type VersionPlan } from './versioning.rules.js';

export interface ReferenceDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  /** How long a look-up answer is reused before the database is asked again, ms (default 60 s). */
  cacheTtlMs?: number;
}

const HS10 = /^\d{10}$/;
const startOf = (plan: VersionPlan): IsoDate => (plan.kind === 'split' || plan.kind === 'insert' ? plan.insert.from : plan.from);
const strip = (h: HsEntry): HsCode => ({ code: h.code, name: h.name, unit1: h.unit1, unit2: h.unit2, elements: h.elements });
const span = <T extends { effectiveFrom: IsoDate; effectiveTo: IsoDate | null }>(v: T) => ({ from: v.effectiveFrom, to: v.effectiveTo, content: v });
const tariffContent = (t: StoredTariff) => [t.dutyRate, t.vatRate, t.consumptionRate, t.positiveList, t.yearlyCapQty, t.yearlyCapUnit, t.note].join('\u0000');

export function createReferenceService(deps: ReferenceDeps) {
  const store = createReferenceStore(deps.db);
  const ttl = deps.cacheTtlMs ?? 60_000;
  const codeCache = readCache<CodeEntry[]>(ttl);
  const hsCache = readCache<HsEntry[]>(ttl);
  const tariffCache = readCache<StoredTariff[]>(ttl);
  const regulation = createRegulationService({ ...deps, store, cacheTtlMs: ttl });
  const today = () => shanghaiDate(deps.clock.now());
  const dateOr = (date: IsoDate | undefined, field = 'date') => (date === undefined ? today() : checkDate(date, field));

  const codeVersions = (table: CodeTable, code: string) => codeCache.get(`${table}:${code}`, () => store.codeVersions(table, code));
  const hsVersions = (code: string) => hsCache.get(code, () => store.hsVersions(code));
  const tariffVersions = (gcode: string) => tariffCache.get(gcode, () => store.tariffVersions(gcode));

  // ---- look-ups -------------------------------------------------------------------------------------

  async function hsEntry(code: string, date?: IsoDate): Promise<HsEntry | null> {
    if (!HS10.test(code)) return null;
    const on = dateOr(date);
    return (await hsVersions(code)).find((v) => inForce(span(v), on)) ?? null;
  }

  async function hs(code: string, date?: IsoDate): Promise<HsCode | null> {
    const h = await hsEntry(code, date);
    return h ? strip(h) : null;
  }

  async function code(table: CodeTable, value: string, date?: IsoDate): Promise<CodeEntry | null> {
    checkTable(table);
    if (typeof value !== 'string' || value.length === 0 || value.length > 8) return null;
    const on = dateOr(date);
    return (await codeVersions(table, value)).find((v) => inForce(span(v), on)) ?? null;
  }

  const named = async (t: StoredTariff, on: IsoDate): Promise<Tariff> => ({ ...t, name: (await hsEntry(t.gcode, on))?.name ?? null });

  async function tariffAt(gcode: string, date?: IsoDate): Promise<Tariff | null> {
    if (!HS10.test(gcode)) return null;
    const on = dateOr(date);
    const t = (await tariffVersions(gcode)).find((v) => inForce(span(v), on));
    return t ? named(t, on) : null;
  }

  // ---- browsing -------------------------------------------------------------------------------------

  async function listCodes(table: CodeTable, f: Paging & { q?: string; date?: IsoDate; all?: boolean }) {
    return store.listCodes(checkTable(table), { ...f, date: dateOr(f.date) });
  }

  async function getCode(table: CodeTable, value: string, date?: IsoDate): Promise<CodeEntry> {
    const found = await code(table, value, date);
    if (!found) throw notFound('reference.code_not_found', { zh: `${table} 代码表中没有生效的代码 ${value}`, en: `no ${table} code ${value} in force` }, { table, code: value });
    return found;
  }

  async function listHs(f: Paging & { q?: string; chapter?: string; date?: IsoDate }) {
    if (f.chapter !== undefined && !/^\d{2}$/.test(f.chapter)) {
      throw invalid('reference.invalid_chapter', { zh: `章号必须是两位数字：${f.chapter}`, en: `a chapter is two digits: ${f.chapter}` }, { field: 'chapter', value: f.chapter });
    }
    const page = await store.listHs({ ...f, date: dateOr(f.date) });
    return { items: page.items.map(strip), total: page.total };
  }

  async function getHs(value: string, date?: IsoDate): Promise<HsCode> {
    const found = await hs(value, date);
    if (!found) throw notFound('reference.hs_not_found', { zh: `没有生效的商品编码 ${value}`, en: `no HS code ${value} in force` }, { code: value });
    return found;
  }

  async function listTariffs(f: Paging & { q?: string; positiveList?: boolean; date?: IsoDate }) {
    return store.listTariffs({ ...f, date: dateOr(f.date) });
  }

  /** Every version of a line's tariff, newest first. */
  async function tariffHistory(gcode: string): Promise<Tariff[]> {
    const on = today();
    const versions = await store.tariffVersions(gcode);
    return Promise.all(versions.reverse().map((v) => named(v, on)));
  }

  /** The tariff in force today (or, when none is, the latest version) with its history; 404 when the line has none. */
  async function getTariff(gcode: string): Promise<Tariff & { history: Tariff[] }> {
    const history = await tariffHistory(gcode);
    if (history.length === 0) {
      throw notFound('reference.tariff_not_found', { zh: `商品编码 ${gcode} 没有税率`, en: `no tariff for HS code ${gcode}` }, { gcode });
    }
    const on = today();
    const current = history.find((v) => inForce({ from: v.effectiveFrom, to: v.effectiveTo }, on)) ?? history[0]!;
    return { ...current, history };
  }

  // ---- edits ----------------------------------------------------------------------------------------

  /**
   * Defines `table`/`code` from `effectiveFrom` (default: today) on. The same name as the version in force
   * only moves its end: `{name, effectiveTo}` retires a code.
   */
  async function putCode(actor: Principal, table: CodeTable, value: string, input: CodeInput): Promise<CodeEntry> {
    checkTable(table);
    checkCode(table, value);
    const name = checkText(input.name, 'name', 200);
    const nameEn = input.nameEn === undefined || input.nameEn === null || input.nameEn.trim() === '' ? null : checkText(input.nameEn, 'nameEn', 200);
    const from = dateOr(input.effectiveFrom, 'effectiveFrom');
    const to = input.effectiveTo === undefined || input.effectiveTo === null ? input.effectiveTo : checkDate(input.effectiveTo, 'effectiveTo');
    const result = await deps.db.transaction().execute(async (trx) => {
      await store.lockKey(trx, deps.dialect, `reference_code:${table}:${value}`);
      const versions = await store.codeVersions(table, value, trx);
      const plan = planVersion(versions.map(span), from, to, { name, nameEn } as CodeEntry, (a, b) => a.name === b.name && a.nameEn === b.nameEn);
      const before = versions.find((v) => v.effectiveFrom === startOf(plan)) ?? versions.find((v) => inForce(span(v), from)) ?? null;
      if (plan.kind === 'unchanged') return before!;
      const at = deps.clock.now().toISOString();
      await store.writeCode(trx, table, value, plan, { name, nameEn, actor: actorOf(actor), at });
      const after = (await store.codeVersions(table, value, trx)).find((v) => v.effectiveFrom === startOf(plan))!;
      await deps.audit.append(trx, { actor: actorOf(actor), action: 'reference.code.put', subject: `code:${table}:${value}`, before, after });
      return after;
    });
    codeCache.drop(`${table}:${value}`);
    return result;
  }

  /** Defines an HS line (name, legal units, declared elements) from `effectiveFrom` on, like `putCode`. */
  async function putHs(actor: Principal, value: string, input: HsInput): Promise<HsEntry> {
    checkHsFormat(value);
    const name = checkText(input.name, 'name', 500);
    const from = dateOr(input.effectiveFrom, 'effectiveFrom');
    const to = input.effectiveTo === undefined || input.effectiveTo === null ? input.effectiveTo : checkDate(input.effectiveTo, 'effectiveTo');
    const unit1 = input.unit1;
    const unit2 = input.unit2 === undefined || input.unit2 === '' ? null : input.unit2;
    if (!(await code('unit', unit1, from))) throw invalidUnit('unit1', unit1);
    if (unit2 !== null && !(await code('unit', unit2, from))) throw invalidUnit('unit2', unit2);
    const elements = (input.elements ?? []).map((e, i) => checkText(e, `elements[${i}]`, 100));
    const content = { code: value, name, unit1, unit2, elements } as HsEntry;
    const same = (a: HsEntry, b: HsEntry) => a.name === b.name && a.unit1 === b.unit1 && a.unit2 === b.unit2 && JSON.stringify(a.elements) === JSON.stringify(b.elements);
    const result = await deps.db.transaction().execute(async (trx) => {
      await store.lockKey(trx, deps.dialect, `reference_hs:${value}`);
      const versions = await store.hsVersions(value, trx);
      const plan = planVersion(versions.map(span), from, to, content, same);
      const before = versions.find((v) => v.effectiveFrom === startOf(plan)) ?? versions.find((v) => inForce(span(v), from)) ?? null;
      if (plan.kind === 'unchanged') return before!;
      await store.writeHs(trx, value, plan, { name, unit1, unit2, elements, actor: actorOf(actor), at: deps.clock.now().toISOString() });
      const after = (await store.hsVersions(value, trx)).find((v) => v.effectiveFrom === startOf(plan))!;
      await deps.audit.append(trx, { actor: actorOf(actor), action: 'reference.hs.put', subject: `hs:${value}`, before, after });
      return after;
    });
    hsCache.drop(value);
    return result;
  }

  /**
   * Sets a line's tax treatment from `effectiveFrom` (default: today) on: the version in force then is
   * closed on that day and a new one starts; earlier versions stay as history. The same treatment as the
   * version in force writes nothing. Errors: `reference.invalid_hs`, `reference.invalid_rate` (naming the
   * field), `reference.invalid_cap`, `reference.invalid_unit`, `reference.invalid_date`.
   */
  async function putTariff(actor: Principal, gcode: string, input: TariffInput): Promise<Tariff> {
    checkHsFormat(gcode);
    const from = dateOr(input.effectiveFrom, 'effectiveFrom');
    if (!(await hsEntry(gcode, from))) throw invalidHs(gcode, 'unknown');
    const dutyRate = checkRate(input.dutyRate, 'dutyRate');
    const vatRate = checkRate(input.vatRate, 'vatRate');
    const consumptionRate = checkRate(input.consumptionRate, 'consumptionRate');
    if (typeof input.positiveList !== 'boolean') {
      throw invalid('reference.invalid_flag', { zh: 'positiveList 必须是 true 或 false', en: 'positiveList must be true or false' }, { field: 'positiveList' });
    }
    const cap = checkCap(input.yearlyCapQty, input.yearlyCapUnit);
    if (cap && !(await code('unit', cap.unit, from))) throw invalidUnit('yearlyCapUnit', cap.unit);
    const note = input.note === undefined || input.note === null || input.note.trim() === '' ? null : checkText(input.note, 'note', 1000);
    const content: StoredTariff = {
      gcode,
      dutyRate,
      vatRate,
      consumptionRate,
      positiveList: input.positiveList,
      yearlyCapQty: cap?.qty ?? null,
      yearlyCapUnit: cap?.unit ?? null,
      note,
      effectiveFrom: from,
      effectiveTo: null,
      updatedBy: actorOf(actor),
      updatedAt: deps.clock.now().toISOString(),
    };
    const result = await deps.db.transaction().execute(async (trx) => {
      await store.lockKey(trx, deps.dialect, `reference_tariff:${gcode}`);
      const versions = await store.tariffVersions(gcode, trx);
      const plan = planVersion(versions.map(span), from, undefined, content, (a, b) => tariffContent(a) === tariffContent(b));
      const before = versions.find((v) => v.effectiveFrom === startOf(plan)) ?? versions.find((v) => inForce(span(v), from)) ?? null;
      if (plan.kind === 'unchanged') return before!;
      await store.writeTariff(trx, gcode, plan, content);
      const after = (await store.tariffVersions(gcode, trx)).find((v) => v.effectiveFrom === startOf(plan))!;
      await deps.audit.append(trx, { actor: actorOf(actor), action: 'reference.tariff.put', subject: `tariff:${gcode}`, before, after });
      return after;
    });
    tariffCache.drop(gcode);
    return named(result, from);
  }

  const lookup: ReferenceLookup = { hs, code, tariffAt, regulationAt: regulation.regulationAt };

  return {
    lookup,
    hs,
    code,
    tariffAt,
    regulationAt: regulation.regulationAt,
    listRegulation: regulation.listRegulation,
    addRegulation: regulation.addRegulation,
    listCodes,
    getCode,
    putCode,
    listHs,
    getHs,
    putHs,
    listTariffs,
    getTariff,
    tariffHistory,
    putTariff,
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
