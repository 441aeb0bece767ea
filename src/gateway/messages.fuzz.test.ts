/**
 * Malformed input at both message endpoints (fast-check): never a 5xx, and nothing stored — no document,
 * no declaration, no receipt beyond a refusal.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanupPlatforms } from '../../test/support/dialects.js';
import { freshApp } from '../../test/support/http.js';
import { importZone } from '../../test/support/import-zone.js';
import { anOrderMessage } from './ceb/samples.js';
import { toXml } from './ceb/to-xml.js';

afterAll(cleanupPlatforms);

describe('message endpoints under malformed input', () => {
  it('answer XML and JSON garbage with 4xx and change nothing', async () => {
    const h = await freshApp('sqlite');
    const zone = await importZone(h);
    const headers = h.auth(zone.ebp.key);
    const valid = toXml(anOrderMessage(zone.deal()));
    if (!valid.ok) throw new Error('sample does not render');
    const count = async () => {
      const db = h.platform.database.db.withTables<{ clearance_document: { id: string }; clearance_declaration: { id: string } }>();
      return [(await db.selectFrom('clearance_document').select('id').execute()).length, (await db.selectFrom('clearance_declaration').select('id').execute()).length];
    };
    const before = await count();

    // Mutations of a valid message: a cut, a byte replaced, an element's text replaced.
    const mutated = fc.oneof(
      fc.nat(valid.xml.length - 2).map((n) => valid.xml.slice(0, n)),
      fc.tuple(fc.nat(valid.xml.length - 1), fc.constantFrom('<', '>', '&', '"', '\u0000', 'é', '</x>')).map(([i, c]) => valid.xml.slice(0, i) + c + valid.xml.slice(i + 1)),
      fc.string().map((t) => valid.xml.replace(/<ceb:acturalPaid>[^<]*</, `<ceb:acturalPaid>${t.replace(/[<&]/g, '')}<`)),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(mutated, async (body) => {
        const res = await h.app.inject({ method: 'POST', url: '/api/v1/ceb', payload: body, headers: { ...headers, 'content-type': 'application/xml' } });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode === 400) expect(res.body).toContain('CEB900Message');
      }),
      { numRuns: 150 },
    );
    const jsonish = fc.oneof(
      fc.json(),
      fc.anything().map((x) => JSON.stringify({ messageType: 'CEB311', guid: 'x', Order: x })),
      fc.record({ messageType: fc.constantFrom('CEB311', 'CEB621', 'CEB999', ''), guid: fc.string(), Order: fc.anything() }).map((x) => JSON.stringify(x)),
    );
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        const res = await h.app.inject({ method: 'POST', url: '/api/v1/messages', payload: body, headers: { ...headers, 'content-type': 'application/json' } });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    // Only the valid, unmutated order may ever have been stored (a mutation can leave it valid).
    const after = await count();
    expect(after[0]! - before[0]!).toBeLessThanOrEqual(1);
    expect(after[1]! - before[1]!).toBeLessThanOrEqual(1);
  }, 120_000);
});
