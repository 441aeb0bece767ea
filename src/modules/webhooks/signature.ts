/**
 * The signature receivers check: `X-Cbec-Signature: sha256=<hex HMAC-SHA-256 of the raw body>`, keyed
 * with the subscription's secret (its UTF-8 bytes, exactly as shown once at subscription or rotation).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-cbec-signature';
export const TIMESTAMP_HEADER = 'x-cbec-timestamp';
export const DELIVERY_HEADER = 'x-cbec-delivery';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Constant-time check of a received signature header against the raw body, as a receiver does it. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
