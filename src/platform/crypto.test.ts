import { describe, expect, it } from 'vitest';
import { createSealer } from './crypto.js';

describe('sealer', () => {
  const s = createSealer('test-secret-0123456789abcdef');
  it('seals and opens, never the same ciphertext twice', () => {
    const a = s.seal('张三 11010519491231002X');
    expect(a).not.toContain('11010519491231002X');
    expect(s.open(a)).toBe('张三 11010519491231002X');
    expect(s.seal('x')).not.toBe(s.seal('x'));
  });
  it('refuses a tampered or foreign ciphertext', () => {
    const a = s.seal('secret');
    const t = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(() => s.open(t)).toThrow();
    expect(() => createSealer('another-secret-0123456789').open(a)).toThrow();
  });
  it('gives stable, case-insensitive look-up keys that depend on the secret', () => {
    expect(s.lookupKey('11010519491231002x')).toBe(s.lookupKey('11010519491231002X'));
    expect(createSealer('another-secret-0123456789').lookupKey('x')).not.toBe(s.lookupKey('x'));
  });
});
