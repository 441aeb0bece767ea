/**
 * Pure webhook rules: which receiver URLs are acceptable, and when a failed delivery is tried again.
 */
import type { Text } from '../../kernel/errors.js';

export type UrlDecision = { ok: true; url: string } | { ok: false; code: string; text: Text };

export const MAX_URL_LENGTH = 2048;

/**
 * A receiver URL must be absolute http(s). Credentials in it are refused: they would be stored and shown
 * back in clear, and the signature already authenticates cbec to the receiver. Fragments are refused
 * because they never reach the receiver and hint at a mistyped URL.
 */
export function checkWebhookUrl(raw: string): UrlDecision {
  const given = raw.trim();
  if (given.length === 0 || given.length > MAX_URL_LENGTH) {
    return { ok: false, code: 'webhooks.invalid_url', text: { zh: `回执推送地址须为 1–${MAX_URL_LENGTH} 个字符的完整网址`, en: `the webhook URL must be an absolute URL of 1–${MAX_URL_LENGTH} characters` } };
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return { ok: false, code: 'webhooks.invalid_url', text: { zh: `回执推送地址不是有效网址：${given}`, en: `the webhook URL is not a valid absolute URL: ${given}` } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, code: 'webhooks.unsupported_scheme', text: { zh: `回执推送地址只支持 http 或 https，收到 ${url.protocol.replace(':', '')}`, en: `the webhook URL must use http or https, not ${url.protocol.replace(':', '')}` } };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, code: 'webhooks.credentials_in_url', text: { zh: '回执推送地址中不得包含用户名或密码；请用签名密钥验证来源', en: 'the webhook URL must not contain a user name or password: verify the signature instead' } };
  }
  if (url.hostname === '') {
    return { ok: false, code: 'webhooks.invalid_url', text: { zh: '回执推送地址缺少主机名', en: 'the webhook URL has no host' } };
  }
  if (url.hash !== '') {
    return { ok: false, code: 'webhooks.invalid_url', text: { zh: '回执推送地址不得包含 # 片段', en: 'the webhook URL must not contain a #fragment' } };
  }
  return { ok: true, url: url.toString() };
}

/** Waits after the 1st, 2nd, … consecutive failure; the last one repeats (1 h cap). */
export const BACKOFF_MS: readonly number[] = [10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/** How long to wait before the next attempt, after `failures` consecutive failures (≥ 1). */
export function backoffMs(failures: number): number {
  const i = Math.min(Math.max(failures, 1), BACKOFF_MS.length) - 1;
  return BACKOFF_MS[i]!;
}

/** A 2xx answer acknowledges the batch; anything else (a redirect included) is a failure. */
export const acknowledged = (httpStatus: number): boolean => httpStatus >= 200 && httpStatus < 300;
