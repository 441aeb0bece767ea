/**
 * API keys for the demo drivers (traffic, exports): one per approved demo enterprise, made on first use
 * through the registry as the admin would, so every message goes through the real gateway and sender checks.
 */
import type { Platform } from '../compose.js';
import type { App } from '../platform/http/app.js';
import type { Principal } from '../platform/http/principal.js';

export function demoKeys(platform: Platform, purpose: string): (code: string) => Promise<string> {
  const admin: Principal = { kind: 'user', id: 'demo', name: purpose, role: 'admin', enterpriseId: null };
  const keys = new Map<string, string>();
  return async (code: string) => {
    if (!keys.has(code)) {
      const e = await platform.registry.enterprises.byCode(code);
      if (!e || !e.approved) throw new Error(`the demo zone has no approved enterprise ${code}: load it first (cbec demo)`);
      keys.set(code, (await platform.registry.enterprises.createApiKey(admin, e.id, purpose)).key);
    }
    return keys.get(code)!;
  };
}

/**
 * Posts one CEB message (JSON) as the enterprise with that customs code; a refused request throws, and so,
 * when `accepted` is asked for, does a rejection receipt (100).
 */
export function demoPoster(app: App, keyFor: (code: string) => Promise<string>, what: string) {
  return async (code: string, message: unknown, opts: { accepted?: boolean } = {}) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/messages', payload: message as object, headers: { authorization: `Bearer ${await keyFor(code)}` } });
    const refused = res.statusCode !== 200 || (opts.accepted && (res.json() as { returnStatus?: string }).returnStatus === '100');
    if (refused) throw new Error(`the gateway refused a ${what} message: ${res.statusCode} ${res.body.slice(0, 300)}`);
  };
}
