/**
 * Kysely access to the reference tables, the same on SQLite and PostgreSQL. Rows are mapped to the
 * module's types here and never leave. Writes carry out a `VersionPlan` inside the caller's transaction.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { REGULATION_DEFAULTS, type RegulationParams, type RegulationVersion } from '../../kernel/regulation.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import type { ReferenceTables } from './migrations.js';
import type { CodeEntry, CodeTable, HsEntry, Tariff } from './reference.types.js';
import type { IsoDate, VersionPlan } from './versioning.rules.js';

type CodeRow = ReferenceTables['reference_code'];
type HsRow = ReferenceTables['reference_hs'];
type TariffRow = ReferenceTables['reference_tariff'];
type RegulationRow = ReferenceTables['reference_regulation'];

export type StoredTariff = Omit<Tariff, 'name'>;

const toCode = (r: CodeRow): CodeEntry => ({ code: r.code, name: r.name, nameEn: r.name_en, effectiveFrom: r.effective_from, effectiveTo: r.effective_to });
const toHs = (r: HsRow): HsEntry => ({
  code: r.code,
  name: r.name,
  unit1: r.unit1,
  unit2: r.unit2,
  elements: JSON.parse(r.elements_json) as string[],
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
});
const toTariff = (r: TariffRow): StoredTariff => ({
  gcode: r.gcode,
  dutyRate: r.duty_rate,
  vatRate: r.vat_rate,
  consumptionRate: r.consumption_rate,
  positiveList: Number(r.positive_list) === 1,
  yearlyCapQty: r.yearly_cap_qty,
  yearlyCapUnit: r.yearly_cap_unit,
  note: r.note,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});
const toRegulation = (r: RegulationRow): RegulationVersion => ({
  version: r.version,
  effectiveFrom: r.effective_from,
  note: r.note,
  params: { ...REGULATION_DEFAULTS, ...(JSON.parse(r.params_json) as Partial<RegulationParams>) },
});

/** `col LIKE pattern`, with the user's % and _ taken literally and ASCII case ignored on both dialects. */
function contains(col: string, text: string, prefixOnly = false): Expression<SqlBool> {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = prefixOnly ? `${escaped}%` : `%${escaped}%`;
  return sql<SqlBool>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`;
}

/** Rows in force on `date`: from <= date < to (to null: open-ended). */
function inForceOn<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, prefix: string, date: IsoDate): Expression<SqlBool> {
  const from = sql.ref(`${prefix}effective_from`);
  const to = sql.ref(`${prefix}effective_to`);
  return eb.and([sql<SqlBool>`${from} <= ${date}`, eb.or([sql<SqlBool>`${to} is null`, sql<SqlBool>`${to} > ${date}`])]);
}

/** Writes a plan into one of the versioned tables: `key` names the row, `content` the new definition. */
async function applyPlan(trx: Db, table: keyof ReferenceTables, key: Record<string, string>, plan: VersionPlan, content: Record<string, unknown>) {
  // The table is chosen at run time, so the query is built over a loose schema; the callers' row types keep it honest.
  const k = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const where = (from: string) => (eb: ExpressionBuilder<Record<string, Record<string, unknown>>, string>) =>
    eb.and([...Object.entries(key).map(([c, v]) => eb(c, '=', v)), eb('effective_from', '=', from)]);
  if (plan.kind === 'update') {
    await k.updateTable(table).set({ ...content, effective_to: plan.to }).where(where(plan.from)).execute();
  } else if (plan.kind === 'split') {
    await k.updateTable(table).set({ effective_to: plan.close.to, updated_by: content.updated_by, updated_at: content.updated_at }).where(where(plan.close.from)).execute();
    await k.insertInto(table).values({ ...key, ...content, effective_from: plan.insert.from, effective_to: plan.insert.to }).execute();
  } else if (plan.kind === 'insert') {
    await k.insertInto(table).values({ ...key, ...content, effective_from: plan.insert.from, effective_to: plan.insert.to }).execute();
  }
}

export interface Paging {
  limit: number;
  offset: number;
}

export function createReferenceStore(db: Db) {
  const r = db.withTables<ReferenceTables>();
  const t = (trx?: Db) => (trx ?? db).withTables<ReferenceTables>();

  return {
    /**
     * Serialises edits of one key until the transaction ends. PostgreSQL needs it (two edits of a key that
     * has no row yet cannot lock a row); SQLite has a single writer.
     */
    async lockKey(trx: Db, dialect: Dialect, key: string) {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
    },

    async codeVersions(table: CodeTable, code: string, trx?: Db): Promise<CodeEntry[]> {
      const rows = await t(trx).selectFrom('reference_code').selectAll().where('table_name', '=', table).where('code', '=', code).orderBy('effective_from').execute();
      return rows.map(toCode);
    },

    async writeCode(trx: Db, table: CodeTable, code: string, plan: VersionPlan, c: { name: string; nameEn: string | null; actor: string; at: string }) {
      await applyPlan(trx, 'reference_code', { table_name: table, code }, plan, { name: c.name, name_en: c.nameEn, updated_by: c.actor, updated_at: c.at });
    },

    async listCodes(table: CodeTable, f: Paging & { q?: string; date: IsoDate; all?: boolean }) {
      let q = r.selectFrom('reference_code').where('table_name', '=', table);
      if (!f.all) q = q.where((eb) => inForceOn(eb, '', f.date));
      if (f.q) {
        const text = f.q;
        q = q.where((eb) => eb.or([contains('code', text, true), contains('name', text), contains('name_en', text)]));
      }
      const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy('code').orderBy('effective_from').limit(f.limit).offset(f.offset).execute();
      return { items: rows.map(toCode), total: Number(total) };
    },

    async hsVersions(code: string, trx?: Db): Promise<HsEntry[]> {
      const rows = await t(trx).selectFrom('reference_hs').selectAll().where('code', '=', code).orderBy('effective_from').execute();
      return rows.map(toHs);
    },

    async writeHs(trx: Db, code: string, plan: VersionPlan, c: { name: string; unit1: string; unit2: string | null; elements: string[]; actor: string; at: string }) {
      await applyPlan(trx, 'reference_hs', { code }, plan, {
        name: c.name,
        unit1: c.unit1,
        unit2: c.unit2,
        elements_json: JSON.stringify(c.elements),
        updated_by: c.actor,
        updated_at: c.at,
      });
    },

    async listHs(f: Paging & { q?: string; chapter?: string; date: IsoDate }) {
      let q = r.selectFrom('reference_hs').where((eb) => inForceOn(eb, '', f.date));
      if (f.chapter) q = q.where('code', 'like', `${f.chapter}%`);
      if (f.q) {
        const text = f.q;
        q = q.where((eb) => eb.or([contains('code', text, true), contains('name', text)]));
      }
      const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy('code').limit(f.limit).offset(f.offset).execute();
      return { items: rows.map(toHs), total: Number(total) };
    },

    async tariffVersions(gcode: string, trx?: Db): Promise<StoredTariff[]> {
      const rows = await t(trx).selectFrom('reference_tariff').selectAll().where('gcode', '=', gcode).orderBy('effective_from').execute();
      return rows.map(toTariff);
    },

    async writeTariff(trx: Db, gcode: string, plan: VersionPlan, c: Omit<StoredTariff, 'gcode' | 'effectiveFrom' | 'effectiveTo'>) {
      await applyPlan(trx, 'reference_tariff', { gcode }, plan, {
        duty_rate: c.dutyRate,
        vat_rate: c.vatRate,
        consumption_rate: c.consumptionRate,
        positive_list: c.positiveList ? 1 : 0,
        yearly_cap_qty: c.yearlyCapQty,
        yearly_cap_unit: c.yearlyCapUnit,
        note: c.note,
        updated_by: c.updatedBy,
        updated_at: c.updatedAt,
      });
    },

    /** Tariff lines in force on `date`, with the HS name in force that day. */
    async listTariffs(f: Paging & { q?: string; positiveList?: boolean; date: IsoDate }) {
      let q = r
        .selectFrom('reference_tariff as t')
        .leftJoin('reference_hs as h', (j) => j.onRef('h.code', '=', 't.gcode').on((eb) => inForceOn(eb, 'h.', f.date)))
        .where((eb) => inForceOn(eb, 't.', f.date));
      if (f.positiveList !== undefined) q = q.where('t.positive_list', '=', f.positiveList ? 1 : 0);
      if (f.q) {
        const text = f.q;
        q = q.where((eb) => eb.or([contains('t.gcode', text, true), contains('h.name', text), contains('t.note', text)]));
      }
      const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await q.selectAll('t').select('h.name as hs_name').orderBy('t.gcode').limit(f.limit).offset(f.offset).execute();
      return { items: rows.map((row) => ({ ...toTariff(row), name: row.hs_name ?? null })), total: Number(total) };
    },

    async regulationVersions(trx?: Db): Promise<RegulationVersion[]> {
      const rows = await t(trx).selectFrom('reference_regulation').selectAll().orderBy('effective_from').execute();
      return rows.map(toRegulation);
    },

    async insertRegulation(trx: Db, v: RegulationVersion, actor: string, at: string) {
      await t(trx)
        .insertInto('reference_regulation')
        .values({ version: v.version, effective_from: v.effectiveFrom, note: v.note, params_json: JSON.stringify(v.params), created_by: actor, created_at: at })
        .execute();
    },
  };
}

export type ReferenceStore = ReturnType<typeof createReferenceStore>;
