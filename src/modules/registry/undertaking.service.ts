/**
 * Push-on-behalf undertakings (代推承诺): a postal or express operator with an approved filing in the
 * 'logistics' role files an undertaking; customs approves or rejects it with a reason; customs or the
 * operator revokes it. Clearance asks `mayPushOnBehalf` when a document's sender is not its owner.
 * An enterprise sees only its own undertakings; every department reads them all. Every step is audited.
 */
import { sql } from 'kysely';
import { conflict, forbidden, invalid, notFound, rejected } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Db } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { enterpriseScope } from '../identity/index.js';
import { isIsoDate, shanghaiDate } from '../reference/index.js';
import { problemsError, type RegistryDeps } from './enterprise.service.js';
import type { Issue } from './filing.rules.js';
import type { RegistryTables } from './migrations.js';
import { checkUndertaking, permits, PUSH_KINDS, type PushKind, type UndertakingInput, type UndertakingStatus } from './undertaking.rules.js';
import { checkDecision, type Decision } from './versions.js';

export interface Undertaking {
  id: string;
  /** The postal or express operator that pushes and undertakes. */
  enterpriseId: string;
  enterpriseName: string | null;
  enterpriseCode: string | null;
  kinds: PushKind[];
  allOwners: boolean;
  ownerCodes: string[];
  validFrom: string;
  validTo: string;
  letterNo: string | null;
  note: string | null;
  status: UndertakingStatus;
  rejectReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  warnings: Issue[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface UndertakingFilter {
  status?: string;
  enterpriseId?: string;
  kind?: string;
  /** Undertakings covering this owner: all-owner ones and those naming the code. */
  ownerCode?: string;
  /** Undertakings whose span includes this day (YYYY-MM-DD). */
  activeOn?: string;
  sort?: 'oldest' | 'newest';
  limit: number;
  offset: number;
}

type Row = RegistryTables['registry_undertaking'];
type Joined = Row & { enterprise_name?: string | null; enterprise_code?: string | null };

const NOT_FOUND = (id: string) => notFound('registry.undertaking_not_found', { zh: '代推承诺不存在', en: 'no such push-on-behalf undertaking' }, { id });

const toView = (r: Joined): Undertaking => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name ?? null,
  enterpriseCode: r.enterprise_code ?? null,
  kinds: JSON.parse(r.kinds) as PushKind[],
  allOwners: r.all_owners === 1,
  ownerCodes: JSON.parse(r.owner_codes) as string[],
  validFrom: r.valid_from,
  validTo: r.valid_to,
  letterNo: r.letter_no,
  note: r.note,
  status: r.status as UndertakingStatus,
  rejectReason: r.reject_reason,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  revokedBy: r.revoked_by,
  revokedAt: r.revoked_at,
  revokeReason: r.revoke_reason,
  warnings: JSON.parse(r.warnings_json) as Issue[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const likeJson = (value: string) => `%"${value.replace(/["%_\\]/g, '')}"%`;

export function createUndertakingService(deps: RegistryDeps) {
  const db = deps.db.withTables<RegistryTables>();
  const now = () => deps.clock.now();

  /** The operator that files: an enterprise caller's own; an administrator names one. Approved, in the logistics role. */
  async function operatorOf(actor: Principal, enterpriseId: string | undefined) {
    const id = actor.role === 'enterprise' ? actor.enterpriseId : actor.role === 'admin' ? enterpriseId?.trim() : undefined;
    if (!id) {
      throw forbidden('registry.undertaking_by_operator', { zh: '代推承诺由邮政或快递企业提交（管理员须指定 enterpriseId）', en: 'undertakings are filed by the postal or express operator (an administrator names the enterpriseId)' });
    }
    if (actor.role === 'enterprise' && enterpriseId && enterpriseId !== id) {
      throw forbidden('registry.undertaking_by_operator', { zh: '企业只能为本企业提交代推承诺', en: 'an enterprise files undertakings for itself only' }, { field: 'enterpriseId' });
    }
    const e = await db.selectFrom('registry_enterprise').select(['id', 'name', 'customs_code', 'roles', 'approved_version']).where('id', '=', id).executeTakeFirst();
    if (!e) throw notFound('registry.enterprise_not_found', { zh: '企业备案不存在', en: 'no such enterprise filing' }, { field: 'enterpriseId' });
    const roles = JSON.parse(e.roles) as string[];
    if (e.approved_version === null || !roles.includes('logistics')) {
      throw rejected(
        'registry.undertaking_not_logistics',
        { zh: `${e.name}（${e.customs_code}）不是备案已通过的物流（邮政、快递）企业，不能提交代推承诺`, en: `${e.name} (${e.customs_code}) is not an approved logistics (postal or express) filing: it cannot file a push-on-behalf undertaking` },
        { enterpriseId: e.id, roles, approved: e.approved_version !== null },
      );
    }
    return e;
  }

  async function ownerFacts(codes: string[]) {
    const owners = new Map<string, { roles: string[] } | null>(codes.map((c) => [c, null]));
    if (codes.length === 0) return owners;
    const rows = await db.selectFrom('registry_enterprise').select(['customs_code', 'roles']).where('customs_code', 'in', codes).execute();
    for (const r of rows) owners.set(r.customs_code, { roles: JSON.parse(r.roles) as string[] });
    return owners;
  }

  async function file(actor: Principal, input: UndertakingInput & { enterpriseId?: string }): Promise<Undertaking> {
    const operator = await operatorOf(actor, input.enterpriseId);
    const codes = [...new Set((input.ownerCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))];
    const checked = checkUndertaking(input, {
      validFromOk: isIsoDate(input.validFrom),
      validToOk: isIsoDate(input.validTo),
      today: shanghaiDate(now()),
      owners: await ownerFacts(codes),
    });
    if (checked.problems.length > 0) throw problemsError(checked.problems);
    const v = checked.value;
    const at = now().toISOString();
    const by = actorOf(actor);
    const row: Row = {
      id: newId(),
      enterprise_id: operator.id,
      kinds: JSON.stringify(v.kinds),
      all_owners: v.allOwners ? 1 : 0,
      owner_codes: JSON.stringify(v.ownerCodes),
      valid_from: v.validFrom,
      valid_to: v.validTo,
      letter_no: v.letterNo,
      note: v.note,
      status: 'pending',
      reject_reason: null,
      decided_by: null,
      decided_at: null,
      revoked_by: null,
      revoked_at: null,
      revoke_reason: null,
      warnings_json: JSON.stringify(checked.warnings),
      created_by: by,
      created_at: at,
      updated_at: at,
    };
    await deps.db.transaction().execute(async (trx) => {
      await trx.withTables<RegistryTables>().insertInto('registry_undertaking').values(row).execute();
      await deps.audit.append(trx, { actor: by, action: 'registry.undertaking.file', subject: `undertaking:${row.id}`, after: { enterpriseId: operator.id, ...v } });
    });
    return toView({ ...row, enterprise_name: operator.name, enterprise_code: operator.customs_code });
  }

  async function load(t: Db, actor: Principal, id: string): Promise<Row> {
    const r = await t.withTables<RegistryTables>().selectFrom('registry_undertaking').selectAll().where('id', '=', id).executeTakeFirst();
    const scope = enterpriseScope(actor);
    if (!r || (scope !== null && r.enterprise_id !== scope)) throw NOT_FOUND(id);
    return r;
  }

  async function get(actor: Principal, id: string): Promise<Undertaking> {
    const r = await load(deps.db, actor, id);
    const e = await db.selectFrom('registry_enterprise').select(['name', 'customs_code']).where('id', '=', r.enterprise_id).executeTakeFirst();
    return toView({ ...r, enterprise_name: e?.name ?? null, enterprise_code: e?.customs_code ?? null });
  }

  /** Customs approves, or rejects with a reason, a pending undertaking. */
  async function decide(actor: Principal, id: string, decision: Decision, reason?: string): Promise<Undertaking> {
    await deps.db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      const why = checkDecision(before.status, decision, reason, { zh: '代推承诺', en: 'push-on-behalf undertaking' });
      const status: UndertakingStatus = decision === 'approve' ? 'approved' : 'rejected';
      const at = now().toISOString();
      const by = actorOf(actor);
      await trx
        .withTables<RegistryTables>()
        .updateTable('registry_undertaking')
        .set({ status, reject_reason: status === 'rejected' ? why : null, decided_by: by, decided_at: at, updated_at: at })
        .where('id', '=', id)
        .execute();
      await deps.audit.append(trx, { actor: by, action: `registry.undertaking.${decision}`, subject: `undertaking:${id}`, before: { status: before.status }, after: { status, reason: why } });
    });
    return get(actor, id);
  }

  /** Ends a pending or approved undertaking for good: customs, or the operator itself; a reason is required. */
  async function revoke(actor: Principal, id: string, reason: string | undefined): Promise<Undertaking> {
    const why = reason?.trim() || null;
    if (!why) throw invalid('registry.reason_required', { zh: '注销代推承诺须填写原因', en: 'revoking an undertaking needs a reason' }, { field: 'reason' });
    await deps.db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      if (before.status !== 'pending' && before.status !== 'approved') {
        throw conflict('registry.undertaking_not_revocable', { zh: `该代推承诺已${before.status === 'rejected' ? '驳回' : '注销'}，不能再注销`, en: `the undertaking is ${before.status}: it cannot be revoked` }, { status: before.status });
      }
      const at = now().toISOString();
      const by = actorOf(actor);
      await trx.withTables<RegistryTables>().updateTable('registry_undertaking').set({ status: 'revoked', revoked_by: by, revoked_at: at, revoke_reason: why, updated_at: at }).where('id', '=', id).execute();
      await deps.audit.append(trx, { actor: by, action: 'registry.undertaking.revoke', subject: `undertaking:${id}`, before: { status: before.status }, after: { status: 'revoked', reason: why } });
    });
    return get(actor, id);
  }

  async function list(actor: Principal, f: UndertakingFilter): Promise<{ items: Undertaking[]; total: number }> {
    let q = db.selectFrom('registry_undertaking as u').leftJoin('registry_enterprise as e', 'e.id', 'u.enterprise_id');
    const scope = enterpriseScope(actor);
    if (scope !== null) q = q.where('u.enterprise_id', '=', scope);
    else if (f.enterpriseId) q = q.where('u.enterprise_id', '=', f.enterpriseId);
    if (f.status) q = q.where('u.status', '=', f.status);
    if (f.kind) q = q.where('u.kinds', 'like', likeJson(f.kind));
    if (f.ownerCode?.trim()) {
      const code = f.ownerCode.trim().toUpperCase();
      q = q.where((eb) => eb.or([eb('u.all_owners', '=', 1), eb('u.owner_codes', 'like', likeJson(code))]));
    }
    if (f.activeOn) {
      if (!isIsoDate(f.activeOn)) throw invalid('registry.invalid_date', { zh: `activeOn 不是有效日期（YYYY-MM-DD）：${f.activeOn}`, en: `activeOn is not a valid date (YYYY-MM-DD): ${f.activeOn}` }, { field: 'activeOn' });
      q = q.where('u.valid_from', '<=', f.activeOn).where('u.valid_to', '>=', f.activeOn);
    }
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('u')
      .select(['e.name as enterprise_name', 'e.customs_code as enterprise_code'])
      .orderBy('u.updated_at', f.sort === 'oldest' ? 'asc' : 'desc')
      .orderBy('u.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { items: rows.map(toView), total: Number(total) };
  }

  /**
   * For clearance: may `senderEnterpriseId` push `kind` data owned by `ownerCode` (customs code or USCC of
   * the platform / e-commerce enterprise) for `date` (YYYY-MM-DD, Asia/Shanghai)? True only when the sender
   * holds an approved logistics filing and an approved undertaking covering that kind, owner and day.
   * Read-only; runs on whatever handle the service was built with (compose.ts hands clearance the reader's).
   */
  async function mayPushOnBehalf(senderEnterpriseId: string, kind: PushKind, ownerCode: string, date: string): Promise<boolean> {
    if (!isIsoDate(date)) throw invalid('registry.invalid_date', { zh: `日期不是有效日期（YYYY-MM-DD）：${date}`, en: `not a valid date (YYYY-MM-DD): ${date}` }, { field: 'date', value: date });
    if (!(PUSH_KINDS as readonly string[]).includes(kind)) throw invalid('registry.undertaking_invalid_kind', { zh: `未知的代推数据类型：${kind}`, en: `unknown kind of data pushed on behalf: ${kind}` }, { field: 'kind', value: kind });
    const sender = await db.selectFrom('registry_enterprise').select(['roles', 'approved_version']).where('id', '=', senderEnterpriseId).executeTakeFirst();
    if (!sender || sender.approved_version === null || !(JSON.parse(sender.roles) as string[]).includes('logistics')) return false;
    const candidates = await db
      .selectFrom('registry_undertaking')
      .select(['status', 'kinds', 'all_owners', 'owner_codes', 'valid_from', 'valid_to'])
      .where('enterprise_id', '=', senderEnterpriseId)
      .where('status', '=', 'approved')
      .where('valid_from', '<=', date)
      .where('valid_to', '>=', date)
      .execute();
    if (candidates.length === 0) return false;
    const code = ownerCode.trim().toUpperCase();
    const aliases = [code];
    if (candidates.some((c) => c.all_owners !== 1)) {
      const owner = await db.selectFrom('registry_enterprise').select('customs_code').where((eb) => eb.or([eb('customs_code', '=', code), eb('uscc', '=', code)])).executeTakeFirst();
      if (owner && owner.customs_code !== code) aliases.push(owner.customs_code);
    }
    return candidates.some((c) =>
      permits(
        { status: c.status, kinds: JSON.parse(c.kinds) as string[], allOwners: c.all_owners === 1, ownerCodes: JSON.parse(c.owner_codes) as string[], validFrom: c.valid_from, validTo: c.valid_to },
        { kind, ownerCodes: aliases, date },
      ),
    );
  }

  return { file, get, decide, revoke, list, mayPushOnBehalf };
}

export type UndertakingService = ReturnType<typeof createUndertakingService>;
