/**
 * An export zone for clearance tests: the parties of a cashmere exporter's parcel filed and approved with
 * API keys; `deal()` gives export-deal overrides that name them, so the gateway's export samples match.
 */
import type { Principal } from '../../src/platform/http/principal.js';
import { anEnterprise, aCustomsCode } from './builders.js';
import type { freshApp } from './http.js';
import type { ExportDeal } from '../../src/gateway/ceb/samples-export.js';
import type { Party } from './import-zone.js';

type Harness = Awaited<ReturnType<typeof freshApp>>;
const officer: Principal = { kind: 'user', id: 'officer', name: 'officer', role: 'customs', enterpriseId: null };

export const as = (p: Party): Principal => ({ kind: 'api_key', id: p.id, name: 'key', role: 'enterprise', enterpriseId: p.id });

let seq = 0;
export async function exportZone(h: Harness) {
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
  const site = await party(['warehouse']);
  const deal = (over: Partial<ExportDeal> = {}): Partial<ExportDeal> => {
    seq += 1;
    const n = `${seq}${Date.now() % 100000}`;
    return {
      ebpCode: ebp.code,
      ebcCode: ebc.code,
      payCode: pay.code,
      logisticsCode: logistics.code,
      agentCode: agent.code,
      operatorCode: site.code,
      orderNo: `EXO${n}`,
      logisticsNo: `EXWB${n}`,
      copNo: `EXI${n}`,
      at: h.clock.now(),
      ...over,
    };
  };
  return { ebp, ebc, pay, logistics, agent, site, deal };
}
