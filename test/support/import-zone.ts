/**
 * An import zone for clearance tests: the five parties of a purchase filed and approved with API keys,
 * the sample items filed as products of the e-commerce enterprise, and tariff lines for their HS codes.
 * `deal()` gives sample-deal overrides that name these parties, so the gateway's samples match them.
 */
import type { Principal } from '../../src/platform/http/principal.js';
import { anEnterprise, aCustomsCode } from './builders.js';
import type { freshApp } from './http.js';
import { sampleItems, type SampleDeal } from '../../src/gateway/ceb/samples.js';

type Harness = Awaited<ReturnType<typeof freshApp>>;
const officer: Principal = { kind: 'user', id: 'officer', name: 'officer', role: 'customs', enterpriseId: null };

export interface Party {
  id: string;
  code: string;
  key: string;
}

export async function importZone(h: Harness, tariffs: Record<string, { vatRate: string; consumptionRate: string; dutyRate: string; positiveList: boolean; yearlyCapQty?: string; yearlyCapUnit?: string }> = {}) {
  const { platform } = h;
  const party = async (roles: string[]): Promise<Party> => {
    const code = aCustomsCode();
    const filed = await platform.registry.enterprises.file(officer, anEnterprise({ roles, customsCode: code }));
    await platform.registry.enterprises.decide(officer, filed.id, 'approve', 'ok');
    const { key } = await platform.registry.enterprises.createApiKey({ ...officer, role: 'admin' }, filed.id, 'test');
    return { id: filed.id, code, key };
  };
  const ebp = await party(['ebp']);
  const ebc = await party(['ebc']);
  const pay = await party(['payment']);
  const logistics = await party(['logistics']);
  const agent = await party(['agent']);
  const owner: Principal = { kind: 'user', id: 'x', name: 'ebc', role: 'enterprise', enterpriseId: ebc.id };
  for (const it of sampleItems()) {
    const filed = await platform.registry.products.file(owner, { itemNo: it.itemNo, itemName: it.itemName, gcode: it.gcode, gmodel: '境外品牌|不享惠', country: it.country, unit: it.unit, price: it.price });
    await platform.registry.products.decide(officer, filed.id, 'approve', 'ok');
  }
  const rates = { '1901101000': { vatRate: '0.13', consumptionRate: '0', dutyRate: '0.15', positiveList: true }, '3304990099': { vatRate: '0.13', consumptionRate: '0', dutyRate: '0.05', positiveList: true }, '3401300000': { vatRate: '0.13', consumptionRate: '0', dutyRate: '0.1', positiveList: true }, ...tariffs };
  for (const [gcode, r] of Object.entries(rates)) await platform.reference.putTariff({ ...officer, role: 'admin' }, gcode, { ...r, effectiveFrom: '2020-01-01' });
  const deal = (over: Partial<SampleDeal> = {}, n = 1): Partial<SampleDeal> => ({
    ebpCode: ebp.code,
    ebcCode: ebc.code,
    payCode: pay.code,
    logisticsCode: logistics.code,
    agentCode: agent.code,
    assureCode: agent.code,
    orderNo: `ORD${n}${Date.now() % 100000}`,
    payTransactionId: `PAY${n}${Date.now() % 100000}`,
    logisticsNo: `WB${n}${Date.now() % 100000}`,
    copNo: `INV${n}${Date.now() % 100000}`,
    at: h.clock.now(),
    ...over,
  });
  return { ebp, ebc, pay, logistics, agent, deal };
}
