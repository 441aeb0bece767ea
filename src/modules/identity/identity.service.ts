/**
 * Users, sessions, login lockout and API keys. Tokens and keys are random secrets stored only as SHA-256
 * hashes: a session token (`cbs_…`) or an API key (`cbk_<prefix>_<secret>`) is shown once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import { conflict, invalid, notFound, rateLimited, unauthenticated } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import { ROLES, actorOf, type Principal, type Role } from '../../platform/http/principal.js';
import type { IdentityTables } from './migrations.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.js';

export interface IdentityDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  /** Session lifetime, ms. */
  sessionTtlMs?: number;
  /** Failed logins before the name is locked, and for how long. */
  maxFailures?: number;
  lockMs?: number;
}

export interface User {
  id: string;
  username: string;
  role: Role;
  enterpriseId: string | null;
  displayName: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ApiKeyInfo {
  id: string;
  prefix: string;
  enterpriseId: string;
  label: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewUser {
  username: string;
  password: string;
  role: string;
  enterpriseId?: string | null;
  displayName?: string | null;
}

const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const KEY_CACHE_MS = 10_000;
const LAST_USED_EVERY_MS = 60_000;

type UserRow = IdentityTables['identity_user'];
const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role as Role,
  enterpriseId: r.enterprise_id,
  displayName: r.display_name,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
});
type KeyRow = IdentityTables['identity_api_key'];
const toKey = (r: KeyRow): ApiKeyInfo => ({
  id: r.id,
  prefix: r.prefix,
  enterpriseId: r.enterprise_id,
  label: r.label,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export function createIdentityService(deps: IdentityDeps) {
  const db = deps.db.withTables<IdentityTables>();
  const ttl = deps.sessionTtlMs ?? 12 * 3600_000;
  const maxFailures = deps.maxFailures ?? 5;
  const lockMs = deps.lockMs ?? 15 * 60_000;
  const now = () => deps.clock.now();
  // Authenticated keys are cached briefly: the ingestion path authenticates every request.
  const keyCache = new Map<string, { principal: Principal; until: number; lastWrite: number }>();

  function checkNewUser(u: NewUser): Role {
    if (!USERNAME.test(u.username)) {
      throw invalid('identity.invalid_username', { zh: '用户名须为 3–64 个字母、数字或 _ . @ -', en: 'the username must be 3–64 letters, digits or _ . @ -' }, { field: 'username' });
    }
    if (!(ROLES as readonly string[]).includes(u.role)) {
      throw invalid('identity.invalid_role', { zh: `未知角色：${u.role}`, en: `unknown role: ${u.role}` }, { field: 'role', value: u.role, allowed: ROLES });
    }
    const problem = passwordProblem(u.password);
    if (problem) throw invalid('identity.weak_password', problem, { field: 'password' });
    if (u.role === 'enterprise' && !u.enterpriseId) {
      throw invalid('identity.enterprise_required', { zh: '企业用户必须关联企业', en: 'an enterprise user needs an enterpriseId' }, { field: 'enterpriseId' });
    }
    if (u.role !== 'enterprise' && u.enterpriseId) {
      throw invalid('identity.enterprise_not_allowed', { zh: '只有企业用户可以关联企业', en: 'only enterprise users belong to an enterprise' }, { field: 'enterpriseId' });
    }
    return u.role as Role;
  }

  /** Creates a user inside the caller's transaction (self-registration files an enterprise in the same one). */
  async function createUserIn(trx: Db, actor: Principal | null, u: NewUser): Promise<User> {
    const role = checkNewUser(u);
    const t = trx.withTables<IdentityTables>();
    const existing = await t.selectFrom('identity_user').select('id').where(sql`lower(username)`, '=', u.username.toLowerCase()).executeTakeFirst();
    if (existing) throw conflict('identity.username_taken', { zh: `用户名已被使用：${u.username}`, en: `the username is taken: ${u.username}` }, { field: 'username' });
    const row: UserRow = {
      id: newId(),
      username: u.username,
      password_hash: await hashPassword(u.password),
      role,
      enterprise_id: u.enterpriseId ?? null,
      display_name: u.displayName ?? null,
      disabled: 0,
      created_at: now().toISOString(),
      last_login_at: null,
    };
    await t.insertInto('identity_user').values(row).execute();
    const user = toUser(row);
    await deps.audit.append(trx, { actor: actorOf(actor), action: 'identity.user.create', subject: `user:${user.id}`, after: { username: user.username, role, enterpriseId: user.enterpriseId } });
    return user;
  }

  async function createUser(actor: Principal | null, u: NewUser): Promise<User> {
    checkNewUser(u);
    return deps.db.transaction().execute((trx) => createUserIn(trx, actor, u));
  }

  async function listUsers(f: { q?: string; role?: string; enterpriseId?: string; limit: number; offset: number }) {
    let q = db.selectFrom('identity_user');
    if (f.q) q = q.where('username', 'like', `%${f.q}%`);
    if (f.role) q = q.where('role', '=', f.role);
    if (f.enterpriseId) q = q.where('enterprise_id', '=', f.enterpriseId);
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('username').limit(f.limit).offset(f.offset).execute();
    return { items: rows.map(toUser), total: Number(total) };
  }

  async function getUser(id: string): Promise<User> {
    const r = await db.selectFrom('identity_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('identity.user_not_found', { zh: '用户不存在', en: 'no such user' }, { id });
    return toUser(r);
  }

  async function updateUser(actor: Principal, id: string, patch: { password?: string; disabled?: boolean; displayName?: string }) {
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password);
      if (problem) throw invalid('identity.weak_password', problem, { field: 'password' });
    }
    const hash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    return deps.db.transaction().execute(async (trx) => {
      const t = trx.withTables<IdentityTables>();
      const before = await t.selectFrom('identity_user').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('identity.user_not_found', { zh: '用户不存在', en: 'no such user' }, { id });
      const set: Partial<UserRow> = {};
      if (hash) set.password_hash = hash;
      if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (Object.keys(set).length > 0) await t.updateTable('identity_user').set(set).where('id', '=', id).execute();
      if (patch.disabled || hash) await t.deleteFrom('identity_session').where('user_id', '=', id).execute();
      await deps.audit.append(trx, {
        actor: actorOf(actor),
        action: 'identity.user.update',
        subject: `user:${id}`,
        before: { disabled: before.disabled === 1, displayName: before.display_name },
        after: { disabled: set.disabled !== undefined ? set.disabled === 1 : before.disabled === 1, displayName: set.display_name ?? before.display_name, passwordChanged: !!hash },
      });
      return toUser({ ...before, ...set });
    });
  }

  /** `CBEC_ADMIN_PASSWORD`: create the user `admin`, or reset its password and unlock it. */
  async function ensureAdmin(password: string): Promise<'created' | 'reset'> {
    const problem = passwordProblem(password);
    if (problem) throw invalid('identity.weak_password', problem, { field: 'CBEC_ADMIN_PASSWORD' });
    const existing = await db.selectFrom('identity_user').selectAll().where('username', '=', 'admin').executeTakeFirst();
    if (!existing) {
      await createUser(null, { username: 'admin', password, role: 'admin', displayName: 'Platform administrator' });
      return 'created';
    }
    const hash = await hashPassword(password);
    await deps.db.transaction().execute(async (trx) => {
      const t = trx.withTables<IdentityTables>();
      await t.updateTable('identity_user').set({ password_hash: hash, disabled: 0, role: 'admin' }).where('id', '=', existing.id).execute();
      await t.deleteFrom('identity_login_attempt').where('username', '=', 'admin').execute();
      await deps.audit.append(trx, { actor: 'system', action: 'identity.user.reset_admin', subject: `user:${existing.id}` });
    });
    return 'reset';
  }

  async function login(username: string, password: string): Promise<{ token: string; expiresAt: string; user: User }> {
    const key = username.toLowerCase();
    const at = now();
    const attempt = await db.selectFrom('identity_login_attempt').selectAll().where('username', '=', key).executeTakeFirst();
    if (attempt?.locked_until && attempt.locked_until > at.toISOString()) {
      const retryAfterSeconds = Math.ceil((Date.parse(attempt.locked_until) - at.getTime()) / 1000);
      throw rateLimited('auth.locked', {
        zh: `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
        en: `too many failed logins: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      }, { retryAfterSeconds });
    }
    const row = await db.selectFrom('identity_user').selectAll().where(sql`lower(username)`, '=', key).executeTakeFirst();
    const good = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !good || row.disabled === 1) {
      const failures = (attempt && !attempt.locked_until ? attempt.failures : 0) + 1;
      const lockedUntil = failures >= maxFailures ? new Date(at.getTime() + lockMs).toISOString() : null;
      await db
        .insertInto('identity_login_attempt')
        .values({ username: key, failures: lockedUntil ? 0 : failures, locked_until: lockedUntil, updated_at: at.toISOString() })
        .onConflict((oc) => oc.column('username').doUpdateSet({ failures: lockedUntil ? 0 : failures, locked_until: lockedUntil, updated_at: at.toISOString() }))
        .execute();
      throw unauthenticated('auth.bad_credentials', { zh: '用户名或密码错误', en: 'wrong username or password' });
    }
    const token = `cbs_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(at.getTime() + ttl).toISOString();
    await deps.db.transaction().execute(async (trx) => {
      const t = trx.withTables<IdentityTables>();
      await t.insertInto('identity_session').values({ token_hash: sha256(token), user_id: row.id, created_at: at.toISOString(), expires_at: expiresAt }).execute();
      await t.deleteFrom('identity_login_attempt').where('username', '=', key).execute();
      await t.updateTable('identity_user').set({ last_login_at: at.toISOString() }).where('id', '=', row.id).execute();
      await t.deleteFrom('identity_session').where('expires_at', '<', at.toISOString()).execute();
    });
    return { token, expiresAt, user: toUser({ ...row, last_login_at: at.toISOString() }) };
  }

  async function logout(token: string) {
    await db.deleteFrom('identity_session').where('token_hash', '=', sha256(token)).execute();
  }

  async function authenticate(credential: string): Promise<Principal | null> {
    if (credential.startsWith('cbs_')) {
      const r = await db
        .selectFrom('identity_session as s')
        .innerJoin('identity_user as u', 'u.id', 's.user_id')
        .select(['u.id', 'u.username', 'u.role', 'u.enterprise_id', 'u.disabled', 's.expires_at'])
        .where('s.token_hash', '=', sha256(credential))
        .executeTakeFirst();
      if (!r || r.disabled === 1 || r.expires_at <= now().toISOString()) return null;
      return { kind: 'user', id: r.id, name: r.username, role: r.role as Role, enterpriseId: r.enterprise_id };
    }
    const m = /^cbk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{20,})$/.exec(credential);
    if (!m) return null;
    const t = now().getTime();
    const cached = keyCache.get(credential);
    if (cached && cached.until > t) {
      if (t - cached.lastWrite > LAST_USED_EVERY_MS) {
        cached.lastWrite = t;
        await db.updateTable('identity_api_key').set({ last_used_at: new Date(t).toISOString() }).where('id', '=', cached.principal.id).execute();
      }
      return cached.principal;
    }
    const r = await db.selectFrom('identity_api_key').selectAll().where('prefix', '=', m[1]!).executeTakeFirst();
    if (!r || r.revoked_at) return null;
    const a = Buffer.from(sha256(m[2]!));
    const b = Buffer.from(r.secret_hash);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    const principal: Principal = { kind: 'api_key', id: r.id, name: r.label, role: 'enterprise', enterpriseId: r.enterprise_id };
    await db.updateTable('identity_api_key').set({ last_used_at: new Date(t).toISOString() }).where('id', '=', r.id).execute();
    keyCache.set(credential, { principal, until: t + KEY_CACHE_MS, lastWrite: t });
    return principal;
  }

  /** Issues a key that acts as `enterpriseId`. The caller has checked the enterprise and its right to a key. */
  async function createApiKey(actor: Principal, enterpriseId: string, label: string): Promise<{ key: string; info: ApiKeyInfo }> {
    const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
    const secret = randomBytes(32).toString('base64url');
    const row: KeyRow = {
      id: newId(),
      prefix,
      secret_hash: sha256(secret),
      enterprise_id: enterpriseId,
      label,
      created_by: actorOf(actor),
      created_at: now().toISOString(),
      revoked_at: null,
      last_used_at: null,
    };
    await deps.db.transaction().execute(async (trx) => {
      await trx.withTables<IdentityTables>().insertInto('identity_api_key').values(row).execute();
      await deps.audit.append(trx, { actor: actorOf(actor), action: 'identity.api_key.create', subject: `enterprise:${enterpriseId}`, after: { keyId: row.id, prefix, label } });
    });
    return { key: `cbk_${prefix}_${secret}`, info: toKey(row) };
  }

  async function listApiKeys(f: { enterpriseId?: string | null; limit: number; offset: number }) {
    let q = db.selectFrom('identity_api_key');
    if (f.enterpriseId) q = q.where('enterprise_id', '=', f.enterpriseId);
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
    return { items: rows.map(toKey), total: Number(total) };
  }

  async function getApiKey(id: string): Promise<ApiKeyInfo | null> {
    const r = await db.selectFrom('identity_api_key').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toKey(r) : null;
  }

  async function revokeApiKey(actor: Principal, id: string): Promise<ApiKeyInfo> {
    const at = now().toISOString();
    const info = await deps.db.transaction().execute(async (trx) => {
      const t = trx.withTables<IdentityTables>();
      const r = await t.selectFrom('identity_api_key').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw notFound('identity.api_key_not_found', { zh: 'API 密钥不存在', en: 'no such API key' }, { id });
      if (!r.revoked_at) {
        await t.updateTable('identity_api_key').set({ revoked_at: at }).where('id', '=', id).execute();
        await deps.audit.append(trx, { actor: actorOf(actor), action: 'identity.api_key.revoke', subject: `enterprise:${r.enterprise_id}`, after: { keyId: id, prefix: r.prefix } });
      }
      return toKey({ ...r, revoked_at: r.revoked_at ?? at });
    });
    for (const [k, v] of keyCache) if (v.principal.id === id) keyCache.delete(k);
    return info;
  }

  return { createUser, createUserIn, listUsers, getUser, updateUser, ensureAdmin, login, logout, authenticate, createApiKey, listApiKeys, getApiKey, revokeApiKey };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
