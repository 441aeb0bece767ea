/**
 * The review workflow that enterprise and product filings share: every submission is a numbered version
 * (pending), a decision closes it (approved / rejected with a reason), and the history is kept.
 */
import type { Db } from '../../platform/db/database.js';
import { conflict, invalid } from '../../kernel/errors.js';
import type { RegistryTables } from './migrations.js';

export type FilingStatus = 'pending' | 'approved' | 'rejected';
export type Decision = 'approve' | 'reject';

export interface VersionView<T> {
  version: number;
  data: T;
  status: FilingStatus;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

type Kind = 'enterprise' | 'product';
const TABLE = { enterprise: 'registry_enterprise_version', product: 'registry_product_version' } as const;
const KEY = { enterprise: 'enterprise_id', product: 'product_id' } as const;

export async function addVersion(trx: Db, kind: Kind, id: string, version: number, data: unknown, by: string, at: string) {
  const row = { version, data_json: JSON.stringify(data), status: 'pending', submitted_by: by, submitted_at: at, decided_by: null, decided_at: null, reason: null };
  const t = trx.withTables<RegistryTables>();
  if (kind === 'enterprise') await t.insertInto('registry_enterprise_version').values({ ...row, enterprise_id: id }).execute();
  else await t.insertInto('registry_product_version').values({ ...row, product_id: id }).execute();
}

export async function closeVersion(trx: Db, kind: Kind, id: string, version: number, status: FilingStatus, by: string, at: string, reason: string | null) {
  const t = trx.withTables<RegistryTables>();
  await t
    .updateTable(TABLE[kind])
    .set({ status, decided_by: by, decided_at: at, reason })
    .where(KEY[kind] as 'enterprise_id', '=', id)
    .where('version', '=', version)
    .execute();
}

export async function history<T>(db: Db, kind: Kind, id: string): Promise<VersionView<T>[]> {
  const rows = await db
    .withTables<RegistryTables>()
    .selectFrom(TABLE[kind])
    .selectAll()
    .where(KEY[kind] as 'enterprise_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    data: JSON.parse(r.data_json) as T,
    status: r.status as FilingStatus,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    reason: r.reason,
  }));
}

/** Checks a decision before it is taken: only a pending filing is decided; a rejection needs a reason. */
export function checkDecision(status: string, decision: Decision, reason: string | undefined, what: { zh: string; en: string }): string | null {
  if (status !== 'pending') {
    throw conflict('registry.not_pending', { zh: `该${what.zh}不在待审核状态（当前：${status}）`, en: `the ${what.en} is not pending review (it is ${status})` }, { status });
  }
  const r = reason?.trim() || null;
  if (decision === 'reject' && !r) {
    throw invalid('registry.reason_required', { zh: '驳回须填写原因', en: 'a rejection needs a reason' }, { field: 'reason' });
  }
  return r;
}

export { isUniqueViolation } from '../../platform/db/database.js';
