/**
 * Builders with valid defaults. Every call makes a distinct enterprise (unique USCC and customs code),
 * so tests never collide and can run in parallel.
 */
import { usccCheckChar } from '../../src/kernel/codes/uscc.js';

let seq = 0;

/** A USCC with a correct check character, distinct per call. */
export function aUscc(): string {
  seq += 1;
  const org = String(100_000_000 + ((Date.now() % 1_000_000) * 97 + seq * 7919) % 900_000_000).slice(0, 9);
  const first17 = `91150400${org}`;
  return first17 + usccCheckChar(first17);
}

export function aCustomsCode(): string {
  seq += 1;
  return `150496${String((Date.now() + seq * 37) % 10000).padStart(4, '0')}`;
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
