import { afterAll, describe, expect, it } from 'vitest';
import { cleanupPlatforms, dialects, freshPlatform } from '../../../test/support/dialects.js';

afterAll(cleanupPlatforms);

describe.each(dialects())('identity on %s', (dialect) => {
  it('creates users, logs in, authenticates the token, and rejects a wrong password without a hint', async () => {
    const { platform } = await freshPlatform(dialect);
    const id = platform.identity;
    await id.createUser(null, { username: 'officer1', password: 'Customs2026', role: 'customs' });
    const { token, user } = await id.login('officer1', 'Customs2026');
    expect(user.role).toBe('customs');
    expect(await id.authenticate(token)).toMatchObject({ kind: 'user', name: 'officer1', role: 'customs' });
    await expect(id.login('officer1', 'wrong-pass1')).rejects.toMatchObject({ code: 'auth.bad_credentials' });
    await expect(id.login('nobody', 'wrong-pass1')).rejects.toMatchObject({ code: 'auth.bad_credentials' });
    await id.logout(token);
    expect(await id.authenticate(token)).toBeNull();
  });

  it('locks a name after five failures, also for names that do not exist, and unlocks after the lock time', async () => {
    const { platform, clock } = await freshPlatform(dialect);
    const id = platform.identity;
    await id.createUser(null, { username: 'clerk', password: 'Clerk2026x', role: 'commerce' });
    for (let i = 0; i < 5; i++) await expect(id.login('clerk', 'bad-pass-1')).rejects.toMatchObject({ code: 'auth.bad_credentials' });
    await expect(id.login('clerk', 'Clerk2026x')).rejects.toMatchObject({ code: 'auth.locked' });
    for (let i = 0; i < 5; i++) await expect(id.login('ghost', 'bad-pass-1')).rejects.toMatchObject({ code: 'auth.bad_credentials' });
    await expect(id.login('ghost', 'bad-pass-1')).rejects.toMatchObject({ code: 'auth.locked' });
    clock.advance(16 * 60_000);
    await expect(id.login('clerk', 'Clerk2026x')).resolves.toMatchObject({ user: { username: 'clerk' } });
  });

  it('validates new users with field-naming codes and refuses duplicate names', async () => {
    const { platform } = await freshPlatform(dialect);
    const id = platform.identity;
    await expect(id.createUser(null, { username: 'x', password: 'Abcdefg123', role: 'customs' })).rejects.toMatchObject({ code: 'identity.invalid_username' });
    await expect(id.createUser(null, { username: 'sam', password: 'Abcdefg123', role: 'pirate' })).rejects.toMatchObject({ code: 'identity.invalid_role' });
    await expect(id.createUser(null, { username: 'sam', password: 'short', role: 'customs' })).rejects.toMatchObject({ code: 'identity.weak_password' });
    await expect(id.createUser(null, { username: 'sam', password: 'Abcdefg123', role: 'enterprise' })).rejects.toMatchObject({ code: 'identity.enterprise_required' });
    await id.createUser(null, { username: 'sam', password: 'Abcdefg123', role: 'tax' });
    await expect(id.createUser(null, { username: 'SAM', password: 'Abcdefg123', role: 'tax' })).rejects.toMatchObject({ code: 'identity.username_taken' });
    expect((await id.listUsers({ limit: 10, offset: 0 })).total).toBe(1);
  });

  it('issues API keys shown once, authenticates them as the enterprise, and stops them on revocation', async () => {
    const { platform } = await freshPlatform(dialect);
    const id = platform.identity;
    const admin = { kind: 'user' as const, id: 'u0', name: 'admin', role: 'admin' as const, enterpriseId: null };
    const { key, info } = await id.createApiKey(admin, 'ent-1', 'ERP');
    expect(key.startsWith(`cbk_${info.prefix}_`)).toBe(true);
    expect(await id.authenticate(key)).toMatchObject({ kind: 'api_key', role: 'enterprise', enterpriseId: 'ent-1' });
    expect((await id.listApiKeys({ enterpriseId: 'ent-1', limit: 10, offset: 0 })).items[0]!.lastUsedAt).not.toBeNull();
    expect(await id.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
    await id.revokeApiKey(admin, info.id);
    expect(await id.authenticate(key)).toBeNull();
  });

  it('creates or resets admin from CBEC_ADMIN_PASSWORD', async () => {
    const { platform } = await freshPlatform(dialect);
    expect(await platform.identity.ensureAdmin('FirstPass1')).toBe('created');
    expect(await platform.identity.ensureAdmin('SecondPass2')).toBe('reset');
    await expect(platform.identity.login('admin', 'SecondPass2')).resolves.toMatchObject({ user: { role: 'admin' } });
  });

  it('chains every change into the audit log and detects tampering', async () => {
    const { platform } = await freshPlatform(dialect);
    await platform.identity.createUser(null, { username: 'auditme', password: 'Abcdefg123', role: 'tax' });
    await platform.identity.createUser(null, { username: 'auditme2', password: 'Abcdefg123', role: 'tax' });
    expect(await platform.audit.verify()).toMatchObject({ ok: true, count: 2 });
    await platform.database.db.withTables<{ platform_audit: { seq: number; actor: string } }>().updateTable('platform_audit').set({ actor: 'user:mallory' }).where('seq', '=', 1).execute();
    expect(await platform.audit.verify()).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash' });
  });
});
