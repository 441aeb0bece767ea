/**
 * Overseas warehouse filings (海外仓备案, 9810): an approved e-commerce or overseas-warehouse enterprise
 * files a warehouse abroad with its ownership or lease proof; customs or commerce approves or rejects it
 * with a reason; a rejected (or still pending) filing is corrected and resubmitted as a new version.
 * An enterprise sees its own filings, every department all of them; others' answer 404. Every change is
 * audited in its transaction.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import { conflict, invalid, notFound, rejected, type AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import { isUniqueViolation, lockRows, type Db, type Dialect } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { enterpriseScope } from '../identity/index.js';
import { isIsoDate, shanghaiDate } from '../reference/index.js';
import {
  PROOF_INFO_COLUMNS,
  tables,
  toProofInfo,
  toVersion,
  toWarehouse,
  type Names,
  type WarehouseFiling,
  type WarehouseRow,
  type WarehouseSummary,
  type WarehouseVersionData,
} from './overseas.store.js';
import type { OverseasEnterprises, OverseasReference } from './ports.js';
import {
  checkDecision,
  checkProof,
  checkWarehouse,
  downloadName,
  formatArea,
  mayResubmit,
  type Decision,
  type Issue,
  type ProofFile,
  type ProofInput,
  type ProofType,
  type WarehouseData,
  type WarehouseInput,
  type WarehouseStatus,
} from './warehouse.rules.js';

/** The zone plan's target (DOMAIN.md §12): 10 overseas warehouses. */
export const DEFAULT_TARGET_WAREHOUSES = 10;

export interface OverseasDeps {
  db: Db;
  /**
   * Where the look-up port reads: committed data, usable while another module's transaction holds the
   * writer (compose passes the database's reader). Defaults to `db`.
   */
  reader?: Db;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  reference: OverseasReference;
  enterprises: OverseasEnterprises;
  /**
   * Told after a booking order commits (owner's customs code, booking number), so that 9810 lists waiting
   * for it are evaluated at once. Its failure does not undo the booking.
   */
  onBookingFiled?: (ownerCode: string, bookingNo: string) => Promise<unknown>;
}

export interface OverseasOptions {
  /** Overseas warehouses the zone plans to have; shown against the approved count (default 10). */
  targetWarehouses?: number;
}

export interface WarehouseFilter {
  status?: string;
  country?: string;
  q?: string;
  enterpriseId?: string;
  limit: number;
  offset: number;
}

export interface WarehouseStats {
  approved: number;
  pending: number;
  rejected: number;
  /** Approved warehouses per country, most first. */
  byCountry: Array<{ country: string; name: string | null; count: number }>;
  /** The zone plan's target number of overseas warehouses. */
  target: number;
}

/** The enterprise roles that may file an overseas warehouse: the exporter, or the overseas-warehouse firm. */
export const FILER_ROLES = ['ebc', 'overseas_warehouse'] as const;

export const warehouseNotFound = (id: string) => notFound('overseas.warehouse_not_found', { zh: '海外仓备案不存在', en: 'no such overseas warehouse filing' }, { id });

/** The first problem as the thrown error; all of them in details. */
export function problemsError(problems: Issue[]): AppError {
  const first = problems[0]!;
  return invalid(first.code, first.message, { field: first.field, value: first.value, problems });
}

/** The caller's enterprise when it may file 9810 records: an approved filing as e-commerce or overseas-warehouse enterprise. */
export async function eligibleFiler(enterprises: OverseasEnterprises, actor: Principal, roles: readonly string[]) {
  const id = actor.role === 'enterprise' ? actor.enterpriseId : null;
  const e = id ? await enterprises.summary(id) : null;
  if (!e || !e.approved || !e.roles.some((r) => roles.includes(r))) {
    throw rejected(
      'overseas.filer_not_eligible',
      {
        zh: e ? `${e.name}（${e.customsCode}）不是备案已通过的电商企业或海外仓企业，不能办理海外仓出口（9810）业务` : '须以备案已通过的企业身份办理海外仓出口（9810）业务',
        en: e ? `${e.name} (${e.customsCode}) is not an approved e-commerce or overseas-warehouse enterprise filing: it cannot file 9810 records` : '9810 records are filed by an approved enterprise',
      },
      { enterpriseId: id, roles: e?.roles ?? [], approved: e?.approved ?? false, required: roles },
    );
  }
  return e;
}

/** Enterprise and country names for views, looked up once per distinct key. */
export async function namesFor(deps: Pick<OverseasDeps, 'enterprises' | 'reference'>, enterpriseIds: string[], countries: string[]): Promise<Names> {
  const ids = [...new Set(enterpriseIds)];
  const codes = [...new Set(countries)];
  const [es, cs] = await Promise.all([Promise.all(ids.map((id) => deps.enterprises.summary(id))), Promise.all(codes.map((c) => deps.reference.code('country', c)))]);
  const enterprise = new Map(ids.map((id, i) => [id, es[i]?.name ?? null]));
  const country = new Map(codes.map((c, i) => [c, cs[i]?.name ?? null]));
  return { enterprise: (id) => enterprise.get(id) ?? null, country: (c) => country.get(c) ?? null };
}

export function createWarehouseService(deps: OverseasDeps, opts: OverseasOptions = {}) {
  const db = tables(deps.db);
  const target = opts.targetWarehouses ?? DEFAULT_TARGET_WAREHOUSES;
  const now = () => deps.clock.now().toISOString();

  /** Checks the warehouse data and, when given, the proof: every problem, thrown as one error. */
  async function check(input: WarehouseInput, proof: ProofInput | undefined): Promise<{ data: WarehouseData; file: ProofFile | null }> {
    const country = input.country.trim();
    const countryKnown = /^\d{3}$/.test(country) ? !!(await deps.reference.code('country', country)) : false;
    const w = checkWarehouse(input, { countryKnown, today: shanghaiDate(deps.clock.now()), isDate: isIsoDate });
    const p = proof ? checkProof(proof) : { value: null, problems: [] };
    const problems = [...w.problems, ...p.problems];
    if (problems.length > 0) throw problemsError(problems);
    return { data: w.value, file: p.value };
  }

  async function insertProof(trx: Db, warehouseId: string, file: ProofFile, by: string, at: string) {
    const row = {
      id: newId(),
      warehouse_id: warehouseId,
      file_name: file.fileName,
      content_type: file.contentType,
      size_bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes,
      uploaded_by: by,
      uploaded_at: at,
    };
    await tables(trx).insertInto('overseas_proof').values(row).execute();
    return row;
  }

  const versionData = (d: WarehouseData, proof: { file_name: string; content_type: string; size_bytes: number; sha256: string }): WarehouseVersionData => ({
    name: d.name,
    country: d.country,
    address: d.address,
    areaSqm: formatArea(d.areaCenti),
    operatorName: d.operatorName,
    tenure: d.tenure,
    leaseEnds: d.leaseEnds,
    proof: { fileName: proof.file_name, contentType: proof.content_type as ProofType, size: Number(proof.size_bytes), sha256: proof.sha256 },
  });

  const duplicateName = (name: string) => conflict('overseas.duplicate_name', { zh: `本企业已备案同名海外仓：${name}`, en: `the enterprise already filed an overseas warehouse with this name: ${name}` }, { field: 'name', value: name });

  async function file(actor: Principal, input: WarehouseInput & { proof: ProofInput }): Promise<{ id: string; status: 'pending' }> {
    const filer = await eligibleFiler(deps.enterprises, actor, FILER_ROLES);
    const { data, file } = await check(input, input.proof);
    const id = newId();
    const at = now();
    const by = actorOf(actor);
    try {
      await deps.db.transaction().execute(async (trx) => {
        const proof = await insertProof(trx, id, file!, by, at);
        const row: WarehouseRow = {
          id,
          enterprise_id: filer.id,
          enterprise_code: filer.customsCode,
          name: data.name,
          country: data.country,
          address: data.address,
          area_centi: data.areaCenti,
          operator_name: data.operatorName,
          tenure: data.tenure,
          lease_ends: data.leaseEnds,
          proof_id: proof.id,
          status: 'pending',
          version: 1,
          reject_reason: null,
          decided_by: null,
          decided_at: null,
          created_by: by,
          created_at: at,
          updated_at: at,
        };
        await tables(trx).insertInto('overseas_warehouse').values(row).execute();
        const vd = versionData(data, proof);
        await tables(trx).insertInto('overseas_warehouse_version').values({ warehouse_id: id, version: 1, data_json: JSON.stringify(vd), proof_id: proof.id, status: 'pending', submitted_by: by, submitted_at: at, decided_by: null, decided_at: null, reason: null }).execute();
        await deps.audit.append(trx, { actor: by, action: 'overseas.warehouse.file', subject: `overseas_warehouse:${id}`, after: { enterpriseId: filer.id, status: 'pending', version: 1, ...vd } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateName(data.name);
      throw e;
    }
    return { id, status: 'pending' };
  }

  /** The filing row as the caller may see it (locked for update on PostgreSQL when `lock`). */
  async function visible(t: Db, actor: Principal, id: string, lock = false): Promise<WarehouseRow> {
    const q = tables(t).selectFrom('overseas_warehouse').selectAll().where('id', '=', id);
    const r = await (lock ? lockRows(q, deps.dialect) : q).executeTakeFirst();
    const scope = enterpriseScope(actor);
    if (!r || (scope !== null && r.enterprise_id !== scope)) throw warehouseNotFound(id);
    return r;
  }

  /** A corrected filing: a new pending version; the proof is replaced when a new one is sent, kept otherwise. */
  async function resubmit(actor: Principal, id: string, input: WarehouseInput & { proof?: ProofInput | null }): Promise<{ id: string; status: 'pending'; version: number }> {
    await visible(deps.db, actor, id);
    await eligibleFiler(deps.enterprises, actor, FILER_ROLES);
    const { data, file } = await check(input, input.proof ?? undefined);
    const at = now();
    const by = actorOf(actor);
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const before = await visible(trx, actor, id, true);
        const blocked = mayResubmit(before.status as WarehouseStatus);
        if (blocked) throw conflict(blocked.code, blocked.message, { field: blocked.field, status: before.status });
        const proof = file
          ? await insertProof(trx, id, file, by, at)
          : await tables(trx).selectFrom('overseas_proof').select(['id', 'file_name', 'content_type', 'size_bytes', 'sha256']).where('id', '=', before.proof_id).executeTakeFirstOrThrow();
        const version = Number(before.version) + 1;
        if (before.status === 'pending') {
          await tables(trx)
            .updateTable('overseas_warehouse_version')
            .set({ status: 'rejected', decided_by: by, decided_at: at, reason: '已被重新提交的版本取代 / superseded by a resubmission' })
            .where('warehouse_id', '=', id)
            .where('version', '=', before.version)
            .execute();
        }
        await tables(trx)
          .updateTable('overseas_warehouse')
          .set({
            name: data.name,
            country: data.country,
            address: data.address,
            area_centi: data.areaCenti,
            operator_name: data.operatorName,
            tenure: data.tenure,
            lease_ends: data.leaseEnds,
            proof_id: proof.id,
            status: 'pending',
            version,
            reject_reason: null,
            decided_by: null,
            decided_at: null,
            updated_at: at,
          })
          .where('id', '=', id)
          .execute();
        const vd = versionData(data, proof);
        await tables(trx).insertInto('overseas_warehouse_version').values({ warehouse_id: id, version, data_json: JSON.stringify(vd), proof_id: proof.id, status: 'pending', submitted_by: by, submitted_at: at, decided_by: null, decided_at: null, reason: null }).execute();
        await deps.audit.append(trx, { actor: by, action: 'overseas.warehouse.resubmit', subject: `overseas_warehouse:${id}`, before: { status: before.status, version: before.version, rejectReason: before.reject_reason }, after: { status: 'pending', version, ...vd } });
        return { id, status: 'pending' as const, version };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateName(data.name);
      throw e;
    }
  }

  async function decide(actor: Principal, id: string, decision: Decision, reason?: string): Promise<WarehouseFiling> {
    await deps.db.transaction().execute(async (trx) => {
      const before = await visible(trx, actor, id, true);
      const checked = checkDecision(before.status as WarehouseStatus, decision, reason);
      if (!checked.ok) {
        const { code, message, field, value } = checked.issue;
        throw checked.kind === 'conflict' ? conflict(code, message, { field, status: value }) : invalid(code, message, { field });
      }
      const status: WarehouseStatus = decision === 'approve' ? 'approved' : 'rejected';
      const at = now();
      const by = actorOf(actor);
      await tables(trx)
        .updateTable('overseas_warehouse')
        .set({ status, reject_reason: status === 'rejected' ? checked.reason : null, decided_by: by, decided_at: at, updated_at: at })
        .where('id', '=', id)
        .execute();
      await tables(trx).updateTable('overseas_warehouse_version').set({ status, decided_by: by, decided_at: at, reason: checked.reason }).where('warehouse_id', '=', id).where('version', '=', before.version).execute();
      await deps.audit.append(trx, { actor: by, action: `overseas.warehouse.${decision}`, subject: `overseas_warehouse:${id}`, before: { status: before.status, version: before.version }, after: { status, version: before.version, reason: checked.reason } });
    });
    return get(actor, id);
  }

  async function get(actor: Principal, id: string): Promise<WarehouseFiling> {
    const r = await visible(deps.db, actor, id);
    const [proof, versions, names] = await Promise.all([
      db.selectFrom('overseas_proof').select(PROOF_INFO_COLUMNS).where('id', '=', r.proof_id).executeTakeFirstOrThrow(),
      db.selectFrom('overseas_warehouse_version').selectAll().where('warehouse_id', '=', id).orderBy('version', 'desc').execute(),
      namesFor(deps, [r.enterprise_id], [r.country]),
    ]);
    return { ...toWarehouse(r, names), proof: toProofInfo(proof), history: versions.map(toVersion) };
  }

  async function list(actor: Principal, f: WarehouseFilter): Promise<{ items: WarehouseSummary[]; total: number }> {
    let q = db.selectFrom('overseas_warehouse');
    const scope = enterpriseScope(actor);
    if (scope !== null) q = q.where('enterprise_id', '=', scope);
    else if (f.enterpriseId) q = q.where('enterprise_id', '=', f.enterpriseId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.country) q = q.where('country', '=', f.country.trim());
    if (f.q?.trim()) {
      const like = `%${f.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('name', 'like', like), eb('address', 'like', like), eb('operator_name', 'like', like), eb('enterprise_code', 'like', like.toUpperCase())]));
    }
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
    const names = await namesFor(deps, rows.map((r) => r.enterprise_id), rows.map((r) => r.country));
    return { items: rows.map((r) => toWarehouse(r, names)), total: Number(total) };
  }

  /** The proof file of the current version, or of `version`: bytes, verified type, and a safe download name. */
  async function proof(actor: Principal, id: string, version?: number) {
    const r = await visible(deps.db, actor, id);
    let proofId = r.proof_id;
    if (version !== undefined) {
      const v = await db.selectFrom('overseas_warehouse_version').select('proof_id').where('warehouse_id', '=', id).where('version', '=', version).executeTakeFirst();
      if (!v) throw notFound('overseas.version_not_found', { zh: `海外仓备案没有第 ${version} 版`, en: `the overseas warehouse filing has no version ${version}` }, { field: 'version', value: version });
      proofId = v.proof_id;
    }
    const p = await db.selectFrom('overseas_proof').selectAll().where('id', '=', proofId).executeTakeFirstOrThrow();
    const type = p.content_type as ProofType;
    return { fileName: downloadName(p.file_name, type), contentType: type, sha256: p.sha256, bytes: Buffer.from(p.bytes) };
  }

  /** Counts against the zone's target: an enterprise sees its own, departments the whole zone. */
  async function stats(actor: Principal): Promise<WarehouseStats> {
    const scope = enterpriseScope(actor);
    let byStatus = db.selectFrom('overseas_warehouse').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status');
    let byCountry = db.selectFrom('overseas_warehouse').select(['country', sql<number>`count(*)`.as('n')]).where('status', '=', 'approved').groupBy('country');
    if (scope !== null) {
      byStatus = byStatus.where('enterprise_id', '=', scope);
      byCountry = byCountry.where('enterprise_id', '=', scope);
    }
    const [statuses, countries] = await Promise.all([byStatus.execute(), byCountry.execute()]);
    const count = (s: WarehouseStatus) => Number(statuses.find((r) => r.status === s)?.n ?? 0);
    const names = await namesFor(deps, [], countries.map((c) => c.country));
    const rows = countries.map((c) => ({ country: c.country, name: names.country(c.country), count: Number(c.n) })).sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));
    return { approved: count('approved'), pending: count('pending'), rejected: count('rejected'), byCountry: rows, target };
  }

  return { file, resubmit, decide, get, list, proof, stats };
}

export type WarehouseService = ReturnType<typeof createWarehouseService>;
