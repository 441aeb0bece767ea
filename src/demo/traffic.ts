/**
 * `cbec demo --traffic N`: realistic import purchases pushed through the real gateway (HTTP routes, schema
 * validation, API keys) by the demo zone's platform, payment firm, logistics firms and declaring agent, in
 * random order — most clear, some with a one-fen payment mismatch, some buyers running past their annual
 * quota, some lists left waiting for a waybill that never comes, some with a product still under review.
 */
import { randomInt } from 'node:crypto';
import type { Platform } from '../compose.js';
import { computeTax } from '../modules/clearance/index.js';
import { formatYuan, parseYuan } from '../kernel/money.js';
import { anInventoryMessage, anOrderMessage, aPaymentMessage, aWaybillMessage, type SampleDeal, type SampleItem } from '../gateway/ceb/samples.js';
import { demoKeys } from './keys.js';
import type { App } from '../platform/http/app.js';

interface Goods {
  ebc: string;
  itemNo: string;
  itemName: string;
  gcode: string;
  unit: string;
  unit1: string;
  price: string;
  country: string;
  kgEach: string;
}

// The demo zone's importers and their filed products (src/demo/zone.data.ts); DG-CAM-1 is still under review.
const GOODS: Goods[] = [
  { ebc: '1504941001', itemNo: 'BB-NF-1', itemName: '婴幼儿配方奶粉（1段）', gcode: '1901101000', unit: '122', unit1: '035', price: '238.00', country: '609', kgEach: '0.8' },
  { ebc: '1504941001', itemNo: 'BB-MP-2', itemName: '全脂奶粉', gcode: '0402210000', unit: '136', unit1: '035', price: '168.00', country: '601', kgEach: '1' },
  { ebc: '1504941002', itemNo: 'BT-CR-20', itemName: '精华面霜 20克', gcode: '3304990029', unit: '142', unit1: '035', price: '425.00', country: '305', kgEach: '0.02' },
  { ebc: '1504941002', itemNo: 'BT-PF-50', itemName: '香水 50毫升', gcode: '3303000020', unit: '142', unit1: '035', price: '960.00', country: '305', kgEach: '0.05' },
  { ebc: '1504941003', itemNo: 'WN-BDX-15', itemName: '波尔多红葡萄酒 750毫升', gcode: '2204210000', unit: '142', unit1: '095', price: '320.00', country: '305', kgEach: '0.75' },
  { ebc: '1504961004', itemNo: 'DG-TAB-11', itemName: '平板电脑 11英寸', gcode: '8471301000', unit: '001', unit1: '001', price: '4599.00', country: '502', kgEach: '1' },
  { ebc: '1504961004', itemNo: 'DG-CAM-1', itemName: '数码相机', gcode: '8471309000', unit: '001', unit1: '001', price: '6000.00', country: '116', kgEach: '1' },
];
const PARTIES = { ebp: '1504960001', payment: '1504960502', logistics: ['1504910601', '1504960602'], agent: '1504980701' };
const NAMES = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞', '徐丽', '孙浩', '马超', '朱婷', '胡斌', '郭敏'];

/** A valid resident ID of someone born in Chifeng (region 150402). */
export function aResidentId(n: number): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const birth = `19${70 + (n % 30)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const first17 = `150402${birth}${String(n % 1000).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * W[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

export interface TrafficReport {
  purchases: number;
  documents: number;
  byOutcome: Record<string, number>;
  ms: number;
}

export async function driveTraffic(platform: Platform, app: App, n: number, onProgress: (done: number) => void = () => {}): Promise<TrafficReport> {
  const keyFor = demoKeys(platform, 'demo traffic');
  const started = Date.now();
  const stamp = Date.now().toString(36).toUpperCase();
  const byOutcome: Record<string, number> = {};
  let documents = 0;
  for (let i = 0; i < n; i++) {
    const dice = randomInt(100);
    const buyer = dice < 4 ? 0 : 1 + randomInt(5_000); // buyer 0 buys a lot: runs past the annual quota
    const seller = GOODS[randomInt(GOODS.length)]!.ebc;
    const ebcGoods = GOODS.filter((g) => g.ebc === seller);
    // The heavy buyer always takes a tablet, so a few of theirs pass 26,000 and are rejected.
    const picked = buyer === 0 ? GOODS.filter((g) => g.itemNo === 'DG-TAB-11') : ebcGoods.filter((g) => (dice < 97 ? g.itemNo !== 'DG-CAM-1' : true)).slice(0, 1 + randomInt(2));
    const items: SampleItem[] = picked.map((g) => {
      const qty = parseYuan(g.price) > 100_000 ? 1 : 1 + randomInt(3);
      return { itemNo: g.itemNo, itemName: g.itemName, gcode: g.gcode, gmodel: g.itemName, barCode: '', unit: g.unit, qty: String(qty), price: g.price, totalPrice: formatYuan(parseYuan(g.price) * qty), unit1: g.unit1, qty1: ((Math.round(Number(g.kgEach) * 1000) * qty) / 1000).toFixed(3), country: g.country };
    });
    const goodsFen = items.reduce((a, it) => a + parseYuan(it.totalPrice), 0);
    const freightFen = 1_000 + randomInt(4_000);
    const rates: Record<string, { dutyRate: string; vatRate: string; consumptionRate: string }> = {};
    for (const it of items) rates[it.gcode] = (await platform.reference.lookup.tariffAt(it.gcode)) ?? { dutyRate: '0', vatRate: '0.13', consumptionRate: '0' };
    const params = (await platform.reference.lookup.regulationAt()).params;
    const tax = computeTax({ lines: items.map((it, k) => ({ gnum: k + 1, gcode: it.gcode, valueFen: parseYuan(it.totalPrice), qty: it.qty })), freightFen, insuranceFen: 0, discountFen: 0, rates, usedThisYearFen: 0, params });
    const taxFen = tax.ok ? tax.taxTotalFen : 0;
    const ebc = picked[0]!.ebc;
    const seq = `${stamp}${String(i).padStart(6, '0')}`;
    const deal: Partial<SampleDeal> = {
      orderNo: `DM${seq}`, payTransactionId: `PY${seq}`, logisticsNo: `LN${seq}`, copNo: `CP${seq}`,
      ebpCode: PARTIES.ebp, ebpName: '赤峰跨境电商综合服务平台运营有限公司', ebcCode: ebc, ebcName: '赤峰进口商', payCode: PARTIES.payment, payName: '蒙银支付科技有限公司',
      logisticsCode: PARTIES.logistics[randomInt(2)]!, logisticsName: '赤峰物流', agentCode: PARTIES.agent, agentName: '赤峰海关报关服务有限公司', assureCode: PARTIES.agent,
      buyerName: NAMES[buyer % NAMES.length]!, buyerIdNumber: aResidentId(buyer), buyerTelephone: `138${String(10_000_000 + buyer).slice(-8)}`, buyerRegNo: `u${buyer}`,
      goodsValue: formatYuan(goodsFen), freight: formatYuan(freightFen), taxTotal: formatYuan(taxFen), acturalPaid: formatYuan(goodsFen + freightFen + taxFen),
      items, at: new Date(),
    };
    const payment = aPaymentMessage(deal);
    if (dice >= 4 && dice < 9) ((payment.Payment as Array<{ PaymentHead: Record<string, string> }>)[0]!.PaymentHead).amountPaid = formatYuan(goodsFen + freightFen + taxFen + 1);
    const sends: Array<[string, unknown]> = [
      [deal.ebpCode!, anOrderMessage(deal)],
      [deal.payCode!, payment],
      [deal.agentCode!, anInventoryMessage(deal)],
    ];
    if (!(dice >= 9 && dice < 14)) sends.push([deal.logisticsCode!, aWaybillMessage(deal)]); // late: the waybill never comes
    for (let k = sends.length - 1; k > 0; k--) {
      const j = randomInt(k + 1);
      [sends[k], sends[j]] = [sends[j]!, sends[k]!];
    }
    for (const [code, message] of sends) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/messages', payload: message as object, headers: { authorization: `Bearer ${await keyFor(code)}` } });
      if (res.statusCode !== 200) throw new Error(`the gateway refused a demo message: ${res.statusCode} ${res.body.slice(0, 300)}`);
      documents += 1;
    }
    const inv = await app.inject({ url: `/api/v1/inventories/${deal.copNo}`, headers: { authorization: `Bearer ${await keyFor(PARTIES.agent)}` } });
    const status = (inv.json() as { statusText?: string }).statusText ?? 'unknown';
    byOutcome[status] = (byOutcome[status] ?? 0) + 1;
    onProgress(i + 1);
  }
  return { purchases: n, documents, byOutcome, ms: Date.now() - started };
}
