import { describe, expect, it } from 'vitest';
import { acknowledged, backoffMs, checkWebhookUrl } from './webhooks.rules.js';

describe('webhook URLs', () => {
  it.each([
    ['https://erp.example.com/cbec/receipts', 'https://erp.example.com/cbec/receipts'],
    ['  http://127.0.0.1:8443/hook?tenant=7 ', 'http://127.0.0.1:8443/hook?tenant=7'],
    ['HTTPS://Example.COM', 'https://example.com/'],
  ])('accepts %s', (raw, url) => {
    expect(checkWebhookUrl(raw)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'webhooks.invalid_url'],
    ['erp.example.com/hook', 'webhooks.invalid_url'],
    ['https://', 'webhooks.invalid_url'],
    [`https://example.com/${'a'.repeat(2048)}`, 'webhooks.invalid_url'],
    ['https://example.com/hook#top', 'webhooks.invalid_url'],
    ['ftp://example.com/hook', 'webhooks.unsupported_scheme'],
    ['file:///etc/passwd', 'webhooks.unsupported_scheme'],
    ['javascript:alert(1)', 'webhooks.unsupported_scheme'],
    ['https://user:secret@example.com/hook', 'webhooks.credentials_in_url'],
    ['https://token@example.com/hook', 'webhooks.credentials_in_url'],
  ])('refuses %s with %s, in both languages', (raw, code) => {
    const r = checkWebhookUrl(raw);
    expect(r).toMatchObject({ ok: false, code, text: { zh: expect.any(String), en: expect.any(String) } });
  });
});

describe('retry back-off', () => {
  it('waits 10 s, 30 s, 2 min, 10 min, 30 min, then 1 h for ever', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(backoffMs)).toEqual([10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(backoffMs(0)).toBe(10_000);
  });

  it('counts only 2xx as an acknowledgement: redirects and errors are retried', () => {
    expect([200, 201, 204, 299].every(acknowledged)).toBe(true);
    expect([199, 301, 302, 400, 404, 500, 503].some(acknowledged)).toBe(false);
  });
});
