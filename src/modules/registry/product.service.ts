/**
 * Product filings (商品备案): the enterprise files each item with its HS code, declared elements, origin
 * and unit, checked against the customs code tables; customs or commerce review it. An enterprise sees
 * its own products, regulators all.
 */
import { sql } from 'kysely';
import { conflict, forbidden, notFound } from '../../kernel/errors.js';
import { formatYuan } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import type { Db } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { enterpriseScope } from '../identity/index.js';
import { problemsError, type RegistryDeps } from './enterprise.service.js';
import { checkProduct, type Issue, type ProductData, type ProductInput } from './filing.rules.js';
import type { RegistryTables } from './migrations.js';
import { addVersion, checkDecision, closeVersion, history, isUniqueViolation, type Decision, type FilingStatus, type VersionView } from './versions.js';

export interface ProductSummary {
  id: string;
  enterpriseId: string;
  enterpriseName: string | null;
  itemNo: string;
  itemName: string;
  gcode: string;
  gmodel: string;
  country: string;
  unit: string;
  unit1: string;
  unit2: string | null;
  /** Reference price in yuan, decimal string. */
  price: string | null;
  barCode: string | null;
  status: FilingStatus;
  version: number;
  approved: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A product version as recorded in its history: the price in yuan, as the API shows it. */
export type ProductVersionData = Omit<ProductData, 'priceFen'> & { price: string | null };

export interface ProductFiling extends ProductSummary {
  rejectReason: string | null;
  warnings: Issue[];
  history: VersionView<ProductVersionData>[];
}

export interface ProductFilter {
  status?: string;
  enterpriseId?: string;
  q?: string;
  gcode?: string;
  sort?: 'oldest' | 'newest';
  limit: number;
  offset: number;
}

type Row = RegistryTables['registry_product'];
const NOT_FOUND = (id: string) => notFound('registry.product_not_found', { zh: '商品备案不存在', en: 'no such product filing' }, { id });

const toSummary = (r: Row & { enterprise_name?: string | null }): ProductSummary => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name ?? null,
  itemNo: r.item_no,
  itemName: r.item_name,
  gcode: r.gcode,
  gmodel: r.gmodel,
  country: r.country,
  unit: r.unit,
  unit1: r.unit1,
  unit2: r.unit2,
  price: r.price_fen === null ? null : formatYuan(Number(r.price_fen)),
  barCode: r.bar_code,
  status: r.status as FilingStatus,
  version: r.version,
  approved: r.approved_version !== null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createProductService(deps: RegistryDeps) {
  const db = deps.db.withTables<RegistryTables>();
  const now = () => deps.clock.now().toISOString();

  async function check(input: ProductInput) {
    const [hs, country, unit] = await Promise.all([
      /^\d{10}$/.test(input.gcode.trim()) ? deps.lookup.hs(input.gcode.trim()) : Promise.resolve(null),
      /^\d{3}$/.test(input.country) ? deps.lookup.code('country', input.country) : Promise.resolve(null),
      /^\d{3}$/.test(input.unit) ? deps.lookup.code('unit', input.unit) : Promise.resolve(null),
    ]);
    const checked = checkProduct(input, { hs, countryKnown: !!country, unitKnown: !!unit });
    if (checked.problems.length > 0) throw problemsError(checked.problems);
    return checked;
  }

  /** Which enterprise a product is filed for: an enterprise caller's own; an administrator names one. */
  async function ownerOf(actor: Principal, enterpriseId: string | undefined): Promise<string> {
    const owner = actor.role === 'enterprise' ? actor.enterpriseId : actor.role === 'admin' ? enterpriseId : undefined;
    if (!owner) {
      throw forbidden('registry.product_by_enterprise', { zh: '商品备案由企业提交（管理员须指定 enterpriseId）', en: 'products are filed by their enterprise (an administrator names the enterpriseId)' });
    }
    const e = await db.selectFrom('registry_enterprise').select('id').where('id', '=', owner).executeTakeFirst();
    if (!e) throw notFound('registry.enterprise_not_found', { zh: '企业备案不存在', en: 'no such enterprise filing' }, { field: 'enterpriseId' });
    return owner;
  }

  /** The version record keeps what the filer sees: the price in yuan, as the API shows it. */
  function versionData(d: ProductData): ProductVersionData {
    const { priceFen, ...rest } = d;
    return { ...rest, price: priceFen === null ? null : formatYuan(priceFen) };
  }

  function toRow(d: ProductData) {
    return { item_no: d.itemNo, item_name: d.itemName, gcode: d.gcode, gmodel: d.gmodel, country: d.country, unit: d.unit, unit1: d.unit1, unit2: d.unit2, price_fen: d.priceFen, bar_code: d.barCode };
  }

  async function file(actor: Principal, input: ProductInput & { enterpriseId?: string }) {
    const enterpriseId = await ownerOf(actor, input.enterpriseId);
    const { value, warnings } = await check(input);
    const id = newId();
    const at = now();
    const by = actorOf(actor);
    try {
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .withTables<RegistryTables>()
          .insertInto('registry_product')
          .values({ id, enterprise_id: enterpriseId, ...toRow(value), status: 'pending', version: 1, approved_version: null, reject_reason: null, warnings_json: JSON.stringify(warnings), created_by: by, created_at: at, updated_at: at })
          .execute();
        await addVersion(trx, 'product', id, 1, versionData(value), by, at);
        await deps.audit.append(trx, { actor: by, action: 'registry.product.file', subject: `product:${id}`, after: { enterpriseId, ...value } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict('registry.duplicate_item_no', { zh: `该企业已备案此货号：${value.itemNo}`, en: `this enterprise already filed item number ${value.itemNo}` }, { field: 'itemNo' });
      }
      throw e;
    }
    return { id, status: 'pending' as const, warnings };
  }

  async function load(t: Db, actor: Principal, id: string): Promise<Row> {
    const r = await t.withTables<RegistryTables>().selectFrom('registry_product').selectAll().where('id', '=', id).executeTakeFirst();
    const scope = enterpriseScope(actor);
    if (!r || (scope !== null && r.enterprise_id !== scope)) throw NOT_FOUND(id);
    return r;
  }

  async function change(actor: Principal, id: string, input: ProductInput) {
    if (actor.role !== 'enterprise' && actor.role !== 'admin') {
      throw forbidden('registry.change_by_owner', { zh: '备案变更须由企业本身或管理员提交', en: 'a filing change is submitted by the enterprise itself or an administrator' });
    }
    const { value, warnings } = await check(input);
    return deps.db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      const version = before.version + 1;
      const at = now();
      if (before.status === 'pending') await closeVersion(trx, 'product', id, before.version, 'rejected', actorOf(actor), at, 'superseded by a newer change');
      try {
        await trx
          .withTables<RegistryTables>()
          .updateTable('registry_product')
          .set({ ...toRow(value), status: 'pending', version, reject_reason: null, warnings_json: JSON.stringify(warnings), updated_at: at })
          .where('id', '=', id)
          .execute();
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('registry.duplicate_item_no', { zh: `该企业已备案此货号：${value.itemNo}`, en: `this enterprise already filed item number ${value.itemNo}` }, { field: 'itemNo' });
        throw e;
      }
      await addVersion(trx, 'product', id, version, versionData(value), actorOf(actor), at);
      await deps.audit.append(trx, { actor: actorOf(actor), action: 'registry.product.change', subject: `product:${id}`, before: toSummary(before), after: value });
      return { id, status: 'pending' as const, version };
    });
  }

  async function decide(actor: Principal, id: string, decision: Decision, reason?: string) {
    await deps.db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      const why = checkDecision(before.status, decision, reason, { zh: '商品备案', en: 'product filing' });
      const status: FilingStatus = decision === 'approve' ? 'approved' : 'rejected';
      const at = now();
      await trx
        .withTables<RegistryTables>()
        .updateTable('registry_product')
        .set({ status, reject_reason: status === 'rejected' ? why : null, approved_version: status === 'approved' ? before.version : before.approved_version, updated_at: at })
        .where('id', '=', id)
        .execute();
      await closeVersion(trx, 'product', id, before.version, status, actorOf(actor), at, why);
      await deps.audit.append(trx, { actor: actorOf(actor), action: `registry.product.${decision}`, subject: `product:${id}`, before: { status: before.status, version: before.version }, after: { status, version: before.version, reason: why } });
    });
    return get(actor, id);
  }

  async function get(actor: Principal, id: string): Promise<ProductFiling> {
    const r = await load(deps.db, actor, id);
    const e = await db.selectFrom('registry_enterprise').select('name').where('id', '=', r.enterprise_id).executeTakeFirst();
    return {
      ...toSummary({ ...r, enterprise_name: e?.name ?? null }),
      rejectReason: r.reject_reason,
      warnings: JSON.parse(r.warnings_json) as Issue[],
      history: await history<ProductVersionData>(deps.db, 'product', id),
    };
  }

  async function list(actor: Principal, f: ProductFilter) {
    let q = db.selectFrom('registry_product as p').leftJoin('registry_enterprise as e', 'e.id', 'p.enterprise_id');
    const scope = enterpriseScope(actor);
    if (scope !== null) q = q.where('p.enterprise_id', '=', scope);
    else if (f.enterpriseId) q = q.where('p.enterprise_id', '=', f.enterpriseId);
    if (f.status) q = q.where('p.status', '=', f.status);
    if (f.gcode) q = q.where('p.gcode', 'like', `${f.gcode.replace(/\D/g, '')}%`);
    if (f.q) {
      const like = `%${f.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('p.item_name', 'like', like), eb('p.item_no', 'like', like), eb('p.bar_code', '=', f.q!.trim())]));
    }
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('p')
      .select('e.name as enterprise_name')
      .orderBy('p.updated_at', f.sort === 'oldest' ? 'asc' : 'desc')
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { items: rows.map(toSummary), total: Number(total) };
  }

  /** For clearance: an enterprise's approved product by item number, or null. */
  async function approvedItem(enterpriseId: string, itemNo: string): Promise<ProductSummary | null> {
    const r = await db.selectFrom('registry_product').selectAll().where('enterprise_id', '=', enterpriseId).where('item_no', '=', itemNo).executeTakeFirst();
    return r && r.approved_version !== null ? toSummary(r) : null;
  }

  return { file, change, decide, get, list, approvedItem };
}

export type ProductService = ReturnType<typeof createProductService>;
