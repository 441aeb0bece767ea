/**
 * HTTP tests: the real app (every module, as `cbec serve` composes it) on a fresh database, driven with
 * `app.inject()`. `login` and `userToken` give bearer tokens for any role.
 */
import type { App } from '../../src/platform/http/app.js';
import type { Role } from '../../src/platform/http/principal.js';
import { freshPlatform, type DialectName } from './dialects.js';

export async function freshApp(dialect: DialectName, at?: string, extra: Parameters<typeof freshPlatform>[2] = {}) {
  const { platform, clock } = await freshPlatform(dialect, at, extra);
  const app: App = await platform.http({ logLevel: 'silent' });
  let n = 0;

  async function login(username: string, password: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return res.json().token as string;
  }

  /** Creates a user of `role` (with `enterpriseId` for enterprise users) and returns its bearer token. */
  async function userToken(role: Role, enterpriseId: string | null = null): Promise<string> {
    n += 1;
    const username = `${role}-${n}`;
    await platform.identity.createUser(null, { username, password: 'TestPass123', role, enterpriseId });
    return login(username, 'TestPass123');
  }

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  return { platform, clock, app, login, userToken, auth };
}
