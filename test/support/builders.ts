/**
 * Builders with valid defaults. Every call makes a distinct enterprise (unique USCC and customs code),
 * so tests never collide and can run in parallel.
 */
import { randomInt } from 'node:crypto';
import { usccCheckChar } from '../../src/kernel/codes/uscc.js';

let seq = 0;
const ALNUM = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const issued = new Set<string>();

/** Random characters from the USCC alphabet, never the same string twice in a process. */
function unique(length: number, alphabet: string): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
    if (!issued.has(s)) {
      issued.add(s);
      return s;
    }
  }
}

/** A USCC with a correct check character, distinct per call. */
export function aUscc(): string {
  const first17 = `91150400${unique(9, ALNUM)}`;
  return first17 + usccCheckChar(first17);
}

/** A customs code (Chifeng, private enterprise) with a random alphanumeric sequence. */
export function aCustomsCode(): string {
  return `150496${unique(4, ALNUM)}`;
}

export function anEnterprise(over: Record<string, unknown> = {}) {
  return {
    name: `赤峰测试跨境电商有限公司${++seq}`,
    uscc: aUscc(),
    customsCode: aCustomsCode(),
    roles: ['ebc'],
    district: '0604',
    contact: { name: '王经理', phone: '0476-8888888', email: 'ops@example.cn' },
    ...over,
  };
}

/** A hand-raised cashmere men's pullover (6110120011: 9 declared elements, legal units 011 / 035). */
export function aProduct(over: Record<string, unknown> = {}) {
  return {
    itemNo: `SKU-${++seq}`,
    itemName: '山羊绒手工起绒男套头衫',
    gcode: '6110120011',
    gmodel: '无品牌|不享惠|针织起绒|套头衫|山羊绒100%|鄂尔多斯|EC-1001|6901234567892|无',
    country: '142',
    unit: '011',
    price: '1280.00',
    barCode: '6901234567892',
    ...over,
  };
}
