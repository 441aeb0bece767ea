/**
 * Enterprise filings (企业备案): file, change (re-filed, re-reviewed, history kept), decide, read. One
 * filing is shared by every department; an enterprise sees only its own.
 */
import { sql } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import { conflict, forbidden, invalid, notFound, type AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { enterpriseScope, type IdentityService } from '../identity/index.js';
import { checkEnterprise, type Contact, type EnterpriseData, type EnterpriseInput, type EnterpriseRole, type Issue } from './filing.rules.js';
import type { RegistryTables } from './migrations.js';
import type { RegistryLookup } from './ports.js';
import { addVersion, checkDecision, closeVersion, history, isUniqueViolation, type Decision, type FilingStatus, type VersionView } from './versions.js';

export interface RegistryDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  identity: IdentityService;
  lookup: RegistryLookup;
}

export interface EnterpriseSummary {
  id: string;
  name: string;
  uscc: string;
  customsCode: string;
  roles: EnterpriseRole[];
  district: string | null;
  status: FilingStatus;
  version: number;
  approved: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseFiling extends EnterpriseSummary {
  contact: Contact | null;
  rejectReason: string | null;
  warnings: Issue[];
  history: VersionView<EnterpriseData>[];
}

export interface EnterpriseFilter {
  status?: string;
  role?: string;
  q?: string;
  district?: string;
  sort?: 'oldest' | 'newest';
  limit: number;
  offset: number;
}

type Row = RegistryTables['registry_enterprise'];
const NOT_FOUND = (id: string) => notFound('registry.enterprise_not_found', { zh: '企业备案不存在', en: 'no such enterprise filing' }, { id });

export const toSummary = (r: Row): EnterpriseSummary => ({
  id: r.id,
  name: r.name,
  uscc: r.uscc,
  customsCode: r.customs_code,
  roles: JSON.parse(r.roles) as EnterpriseRole[],
  district: r.district,
  status: r.status as FilingStatus,
  version: r.version,
  approved: r.approved_version !== null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The first problem as the thrown error; all of them in details. */
export function problemsError(problems: Issue[]): AppError {
  const first = problems[0]!;
  return invalid(first.code, first.message, { field: first.field, value: first.value, problems });
}

export function createEnterpriseService(deps: RegistryDeps) {
  const db = deps.db.withTables<RegistryTables>();
  const now = () => deps.clock.now().toISOString();

  async function check(input: EnterpriseInput, actor: Principal | null) {
    const district = input.district?.trim();
    const districtKnown = district ? !!(await deps.lookup.code('district', district)) : true;
    const regulator = !!actor && ['admin', 'customs', 'commerce'].includes(actor.role);
    const checked = checkEnterprise(input, { districtKnown, allowUsccCheckFailure: regulator && (input as { acceptUsccCheckFailure?: boolean }).acceptUsccCheckFailure === true });
    if (checked.problems.length > 0) throw problemsError(checked.problems);
    return checked;
  }

  async function assertUnique(t: Db, data: EnterpriseData, exceptId: string | null) {
    const rows = await t
      .withTables<RegistryTables>()
      .selectFrom('registry_enterprise')
      .select(['id', 'uscc', 'customs_code'])
      .where((eb) => eb.or([eb('uscc', '=', data.uscc), eb('customs_code', '=', data.customsCode)]))
      .execute();
    for (const r of rows) {
      if (r.id === exceptId) continue;
      if (r.uscc === data.uscc) throw conflict('registry.duplicate_uscc', { zh: `该统一社会信用代码已备案：${data.uscc}`, en: `an enterprise with this unified social credit code is already filed: ${data.uscc}` }, { field: 'uscc' });
      throw conflict('registry.duplicate_customs_code', { zh: `该海关编码已备案：${data.customsCode}`, en: `an enterprise with this customs code is already filed: ${data.customsCode}` }, { field: 'customsCode' });
    }
  }

  /** Files a new enterprise inside `trx`; used alone and by self-registration. */
  async function fileIn(trx: Db, actor: Principal | null, input: EnterpriseInput, by: string): Promise<{ id: string; status: 'pending'; warnings: Issue[] }> {
    const { value, warnings } = await check(input, actor);
    await assertUnique(trx, value, null);
    const id = newId();
    const at = now();
    const row: Row = {
      id,
      name: value.name,
      uscc: value.uscc,
      customs_code: value.customsCode,
      roles: JSON.stringify(value.roles),
      district: value.district,
      contact_json: value.contact ? JSON.stringify(value.contact) : null,
      status: 'pending',
      version: 1,
      approved_version: null,
      reject_reason: null,
      warnings_json: JSON.stringify(warnings),
      created_by: by,
      created_at: at,
      updated_at: at,
    };
    try {
      await trx.withTables<RegistryTables>().insertInto('registry_enterprise').values(row).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('registry.duplicate_uscc', { zh: `该企业已备案：${value.uscc}`, en: `this enterprise is already filed: ${value.uscc}` }, { field: 'uscc' });
      throw e;
    }
    await addVersion(trx, 'enterprise', id, 1, value, by, at);
    await deps.audit.append(trx, { actor: by, action: 'registry.enterprise.file', subject: `enterprise:${id}`, after: value });
    return { id, status: 'pending', warnings };
  }

  async function file(actor: Principal, input: EnterpriseInput) {
    await check(input, actor);
    return deps.db.transaction().execute((trx) => fileIn(trx, actor, input, actorOf(actor)));
  }

  /** Self-registration: a pending filing plus the enterprise's first user, all or nothing. */
  async function register(input: { enterprise: EnterpriseInput; user: { username: string; password: string; displayName?: string } }) {
    await check(input.enterprise, null);
    return deps.db.transaction().execute(async (trx) => {
      const filed = await fileIn(trx, null, input.enterprise, `self:${input.user.username}`);
      const user = await deps.identity.createUserIn(trx, null, { ...input.user, role: 'enterprise', enterpriseId: filed.id });
      return { ...filed, username: user.username };
    });
  }

  async function load(t: Db, id: string): Promise<Row> {
    const r = await t.withTables<RegistryTables>().selectFrom('registry_enterprise').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw NOT_FOUND(id);
    return r;
  }

  function visible(actor: Principal, id: string) {
    const scope = enterpriseScope(actor);
    if (scope !== null && scope !== id) throw NOT_FOUND(id);
  }

  /** A change is re-filed: a new pending version; the last approved version stays in force meanwhile. */
  async function change(actor: Principal, id: string, input: EnterpriseInput) {
    visible(actor, id);
    if (actor.role !== 'enterprise' && actor.role !== 'admin') {
      throw forbidden('registry.change_by_owner', { zh: '备案变更须由企业本身或管理员提交', en: 'a filing change is submitted by the enterprise itself or an administrator' });
    }
    const { value, warnings } = await check(input, actor);
    return deps.db.transaction().execute(async (trx) => {
      const before = await load(trx, id);
      if (value.uscc !== before.uscc) throw invalid('registry.uscc_immutable', { zh: '统一社会信用代码不可变更；请重新备案', en: 'the unified social credit code cannot change: file a new enterprise' }, { field: 'uscc' });
      await assertUnique(trx, value, id);
      const version = before.version + 1;
      const at = now();
      if (before.status === 'pending') await closeVersion(trx, 'enterprise', id, before.version, 'rejected', actorOf(actor), at, 'superseded by a newer change');
      await trx
        .withTables<RegistryTables>()
        .updateTable('registry_enterprise')
        .set({
          name: value.name,
          customs_code: value.customsCode,
          roles: JSON.stringify(value.roles),
          district: value.district,
          contact_json: value.contact ? JSON.stringify(value.contact) : null,
          status: 'pending',
          version,
          reject_reason: null,
          warnings_json: JSON.stringify(warnings),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
      await addVersion(trx, 'enterprise', id, version, value, actorOf(actor), at);
      await deps.audit.append(trx, { actor: actorOf(actor), action: 'registry.enterprise.change', subject: `enterprise:${id}`, before: rowData(before), after: value });
      return { id, status: 'pending' as const, version };
    });
  }

  async function decide(actor: Principal, id: string, decision: Decision, reason?: string) {
    await deps.db.transaction().execute(async (trx) => {
      const before = await load(trx, id);
      const why = checkDecision(before.status, decision, reason, { zh: '企业备案', en: 'enterprise filing' });
      const status: FilingStatus = decision === 'approve' ? 'approved' : 'rejected';
      const at = now();
      await trx
        .withTables<RegistryTables>()
        .updateTable('registry_enterprise')
        .set({ status, reject_reason: status === 'rejected' ? why : null, approved_version: status === 'approved' ? before.version : before.approved_version, updated_at: at })
        .where('id', '=', id)
        .execute();
      await closeVersion(trx, 'enterprise', id, before.version, status, actorOf(actor), at, why);
      await deps.audit.append(trx, { actor: actorOf(actor), action: `registry.enterprise.${decision}`, subject: `enterprise:${id}`, before: { status: before.status, version: before.version }, after: { status, version: before.version, reason: why } });
    });
    return get(actor, id);
  }

  async function get(actor: Principal, id: string): Promise<EnterpriseFiling> {
    visible(actor, id);
    const r = await load(deps.db, id);
    return {
      ...toSummary(r),
      contact: r.contact_json ? (JSON.parse(r.contact_json) as Contact) : null,
      rejectReason: r.reject_reason,
      warnings: JSON.parse(r.warnings_json) as Issue[],
      history: await history<EnterpriseData>(deps.db, 'enterprise', id),
    };
  }

  async function list(actor: Principal, f: EnterpriseFilter) {
    let q = db.selectFrom('registry_enterprise');
    const scope = enterpriseScope(actor);
    if (scope !== null) q = q.where('id', '=', scope);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.district) q = q.where('district', '=', f.district);
    if (f.role) q = q.where('roles', 'like', `%"${f.role.replace(/["%_]/g, '')}"%`);
    if (f.q) {
      const like = `%${f.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('name', 'like', like), eb('uscc', 'like', like.toUpperCase()), eb('customs_code', 'like', like.toUpperCase())]));
    }
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('updated_at', f.sort === 'oldest' ? 'asc' : 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { items: rows.map(toSummary), total: Number(total) };
  }

  /** Counts by status, for home pages. */
  async function counts(actor: Principal) {
    let q = db.selectFrom('registry_enterprise').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status');
    const scope = enterpriseScope(actor);
    if (scope !== null) q = q.where('id', '=', scope);
    const out: Record<string, number> = { pending: 0, approved: 0, rejected: 0 };
    for (const r of await q.execute()) out[r.status] = Number(r.n);
    return out;
  }

  /** Issues an API key acting as the enterprise: its own users, or an administrator. */
  async function createApiKey(actor: Principal, id: string, label?: string) {
    visible(actor, id);
    await load(deps.db, id);
    if (!(actor.role === 'admin' || (actor.role === 'enterprise' && actor.kind === 'user'))) {
      throw NOT_FOUND(id);
    }
    const { key, info } = await deps.identity.createApiKey(actor, id, label?.trim() || `key ${now().slice(0, 10)}`);
    return { key, id: info.id, prefix: info.prefix, label: info.label, createdAt: info.createdAt };
  }

  /** For other modules: the filing behind a customs code or USCC, as messages name enterprises by either. */
  async function byCode(code: string): Promise<EnterpriseSummary | null> {
    const r = await db.selectFrom('registry_enterprise').selectAll().where((eb) => eb.or([eb('customs_code', '=', code), eb('uscc', '=', code)])).executeTakeFirst();
    return r ? toSummary(r) : null;
  }

  /** For other modules: the filing's summary by id, or null. */
  async function summary(id: string): Promise<EnterpriseSummary | null> {
    const r = await db.selectFrom('registry_enterprise').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toSummary(r) : null;
  }

  return { file, register, change, decide, get, list, counts, createApiKey, byCode, summary };
}

function rowData(r: Row): EnterpriseData {
  return {
    name: r.name,
    uscc: r.uscc,
    customsCode: r.customs_code,
    roles: JSON.parse(r.roles) as EnterpriseRole[],
    district: r.district,
    contact: r.contact_json ? (JSON.parse(r.contact_json) as Contact) : null,
  };
}

export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
