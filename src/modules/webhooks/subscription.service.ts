/**
 * Subscriptions: one receiver URL per enterprise, with a signing secret shown once (at subscription and
 * at rotation) and kept sealed, because delivery needs it in clear to sign. Every change is audited in its
 * own transaction, never with the secret. Enterprise users manage their own enterprise's subscription;
 * API keys may read it (integrations poll the delivery log) but not change where receipts go.
 */
import { sql } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import { conflict, forbidden, invalid, notFound } from '../../kernel/errors.js';
import { newSecret } from '../../kernel/ids.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { actorOf, requireRole, type Principal } from '../../platform/http/principal.js';
import type { WebhooksTables } from './migrations.js';
import type { WebhookEnterprises } from './ports.js';
import { checkWebhookUrl } from './webhooks.rules.js';

export type SubscriptionView = {
  enterpriseId: string;
  url: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** The last receipt cursor the receiver acknowledged. */
  cursor: number;
  /** Consecutive failed attempts at the current cursor. */
  failures: number;
  nextAttemptAt: string;
  lastDelivery: { at: string; status: string; httpStatus: number | null; error: string | null } | null;
};

export type DeliveryView = {
  id: string;
  enterpriseId: string;
  at: string;
  url: string;
  cursorFrom: number;
  cursorTo: number;
  count: number;
  status: 'delivered' | 'failed';
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  attempt: number;
};

export type PutSubscription = { enterpriseId?: string | undefined; url: string; active?: boolean | undefined; after?: number | undefined };

type SubRow = WebhooksTables['webhooks_subscription'];

const toView = (r: SubRow): SubscriptionView => ({
  enterpriseId: r.enterprise_id,
  url: r.url,
  active: Number(r.active) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  cursor: Number(r.cursor),
  failures: Number(r.failures),
  nextAttemptAt: r.next_attempt_at,
  lastDelivery: r.last_delivery_at ? { at: r.last_delivery_at, status: r.last_status ?? 'failed', httpStatus: r.last_http_status === null ? null : Number(r.last_http_status), error: r.last_error } : null,
});

/** What the audit log keeps of a subscription: never the secret. */
const audited = (v: SubscriptionView | null) => (v ? { url: v.url, active: v.active, cursor: v.cursor } : null);

const NOT_FOUND = { zh: '没有回执推送订阅', en: 'no webhook subscription' };

/** A signing secret: 32 random bytes, base64url, with a prefix that makes it recognisable in a vault. */
export const newSigningSecret = (): string => `whsec_${newSecret(32)}`;

export function createSubscriptionService(deps: { db: Db; clock: Clock; audit: AuditLog; sealer: Sealer; enterprises: WebhookEnterprises }) {
  const db = deps.db.withTables<WebhooksTables>();

  /** The enterprise a change applies to: an enterprise user's own, or the one an admin names. */
  async function writeTarget(p: Principal | null, enterpriseId: string | undefined): Promise<{ who: Principal; enterpriseId: string }> {
    const who = requireRole(p, 'enterprise', 'admin');
    if (who.role === 'admin') {
      if (!enterpriseId) throw invalid('webhooks.enterprise_required', { zh: '管理员须指明企业（enterpriseId）', en: 'an admin must name the enterprise (enterpriseId)' }, { field: 'enterpriseId' });
      if (!(await deps.enterprises.exists(enterpriseId))) throw notFound('webhooks.enterprise_not_found', { zh: `企业不存在：${enterpriseId}`, en: `no such enterprise: ${enterpriseId}` }, { enterpriseId });
      return { who, enterpriseId };
    }
    if (who.kind !== 'user') throw forbidden('webhooks.users_only', { zh: '回执推送订阅只能由企业用户登录后修改，API 密钥只能查看', en: 'only a logged-in enterprise user changes the webhook subscription; an API key may only read it' });
    return { who, enterpriseId: ownEnterprise(who, enterpriseId) };
  }

  /** An enterprise caller is confined to its own enterprise; naming another reads as "not found". */
  function ownEnterprise(who: Principal, enterpriseId: string | undefined): string {
    const own = who.enterpriseId;
    if (!own || (enterpriseId !== undefined && enterpriseId !== own)) throw notFound('webhooks.not_found', NOT_FOUND, {});
    return own;
  }

  function readScope(p: Principal | null, enterpriseId: string | undefined): { who: Principal; enterpriseId: string | null } {
    const who = requireRole(p, 'enterprise', 'admin');
    return { who, enterpriseId: who.role === 'admin' ? (enterpriseId ?? null) : ownEnterprise(who, enterpriseId) };
  }

  async function load(t: Db, enterpriseId: string): Promise<SubRow | undefined> {
    return t.withTables<WebhooksTables>().selectFrom('webhooks_subscription').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirst();
  }

  /** Creates or changes the subscription. A new one gets a secret (returned once) and starts at `after` (default 0: every receipt). */
  async function put(p: Principal | null, cmd: PutSubscription): Promise<{ subscription: SubscriptionView; secret: string | null; created: boolean }> {
    const { who, enterpriseId } = await writeTarget(p, cmd.enterpriseId);
    const checked = checkWebhookUrl(cmd.url);
    if (!checked.ok) throw invalid(checked.code, checked.text, { field: 'url' });
    const now = deps.clock.now().toISOString();
    return deps.db.transaction().execute(async (trx) => {
      const t = trx.withTables<WebhooksTables>();
      const before = await load(trx, enterpriseId);
      let secret: string | null = null;
      if (!before) {
        secret = newSigningSecret();
        const row: SubRow = {
          enterprise_id: enterpriseId, url: checked.url, secret_sealed: deps.sealer.seal(secret), active: cmd.active === false ? 0 : 1, created_at: now, updated_at: now,
          cursor: cmd.after ?? 0, failures: 0, next_attempt_at: now, lease_until: null, lease_token: null, last_delivery_at: null, last_status: null, last_http_status: null, last_error: null,
        };
        const r = await t.insertInto('webhooks_subscription').values(row).onConflict((oc) => oc.column('enterprise_id').doNothing()).executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw conflict('webhooks.concurrent_change', { zh: '订阅正被同时修改，请重试', en: 'the subscription was changed at the same time: try again' });
      } else {
        // A changed subscription is tried at once (the enterprise has likely just fixed its receiver), and it
        // supersedes a delivery in flight: releasing the lease keeps that one from moving the cursor or backing off.
        await t.updateTable('webhooks_subscription')
          .set({
            url: checked.url, active: cmd.active === undefined ? before.active : cmd.active ? 1 : 0, updated_at: now, failures: 0, next_attempt_at: now,
            lease_until: null, lease_token: null, ...(cmd.after !== undefined ? { cursor: cmd.after } : {}),
          })
          .where('enterprise_id', '=', enterpriseId)
          .execute();
      }
      const after = toView((await load(trx, enterpriseId))!);
      await deps.audit.append(trx, { actor: actorOf(who), action: before ? 'webhooks.update' : 'webhooks.subscribe', subject: `webhooks:${enterpriseId}`, before: audited(before ? toView(before) : null), after: audited(after) });
      return { subscription: after, secret, created: !before };
    });
  }

  async function get(p: Principal | null, enterpriseId?: string): Promise<SubscriptionView> {
    const scope = readScope(p, enterpriseId);
    if (!scope.enterpriseId) throw invalid('webhooks.enterprise_required', { zh: '管理员须指明企业（enterpriseId）', en: 'an admin must name the enterprise (enterpriseId)' }, { field: 'enterpriseId' });
    const row = await load(deps.db, scope.enterpriseId);
    if (!row) throw notFound('webhooks.not_found', NOT_FOUND, {});
    return toView(row);
  }

  /** A new secret, returned once; the old one stops signing at once. */
  async function rotateSecret(p: Principal | null, enterpriseId?: string): Promise<{ subscription: SubscriptionView; secret: string }> {
    const target = await writeTarget(p, enterpriseId);
    const secret = newSigningSecret();
    const now = deps.clock.now().toISOString();
    return deps.db.transaction().execute(async (trx) => {
      const r = await trx.withTables<WebhooksTables>().updateTable('webhooks_subscription').set({ secret_sealed: deps.sealer.seal(secret), updated_at: now }).where('enterprise_id', '=', target.enterpriseId).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw notFound('webhooks.not_found', NOT_FOUND, {});
      const view = toView((await load(trx, target.enterpriseId))!);
      await deps.audit.append(trx, { actor: actorOf(target.who), action: 'webhooks.rotate_secret', subject: `webhooks:${target.enterpriseId}`, after: { rotatedAt: now } });
      return { subscription: view, secret };
    });
  }

  /** Ends the subscription; its delivery log stays readable until it ages out. */
  async function remove(p: Principal | null, enterpriseId?: string): Promise<SubscriptionView> {
    const target = await writeTarget(p, enterpriseId);
    return deps.db.transaction().execute(async (trx) => {
      const before = await load(trx, target.enterpriseId);
      if (!before) throw notFound('webhooks.not_found', NOT_FOUND, {});
      await trx.withTables<WebhooksTables>().deleteFrom('webhooks_subscription').where('enterprise_id', '=', target.enterpriseId).execute();
      await deps.audit.append(trx, { actor: actorOf(target.who), action: 'webhooks.unsubscribe', subject: `webhooks:${target.enterpriseId}`, before: audited(toView(before)), after: null });
      return toView(before);
    });
  }

  /** The delivery log, newest first: one's own enterprise, or (admin) any or all. */
  async function deliveries(p: Principal | null, q: { enterpriseId?: string | undefined; limit: number; offset: number }): Promise<{ items: DeliveryView[]; total: number }> {
    const scope = readScope(p, q.enterpriseId);
    let base = db.selectFrom('webhooks_delivery');
    if (scope.enterpriseId) base = base.where('enterprise_id', '=', scope.enterpriseId);
    const { total } = await base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: r.id, enterpriseId: r.enterprise_id, at: r.at, url: r.url, cursorFrom: Number(r.cursor_from), cursorTo: Number(r.cursor_to), count: Number(r.count),
        status: r.status === 'delivered' ? 'delivered' : 'failed', httpStatus: r.http_status === null ? null : Number(r.http_status), error: r.error, durationMs: Number(r.duration_ms), attempt: Number(r.attempt),
      })),
    };
  }

  return { put, get, rotateSecret, remove, deliveries };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
