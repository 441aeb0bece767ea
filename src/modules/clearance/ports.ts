/**
 * What clearance needs from the rest of the platform, as narrow interfaces that compose.ts fills in:
 * filings (registry), tariff and regulation (reference), the CEB codec (gateway) to render receipts,
 * and the risk hook a later risk engine plugs into.
 */
import type { RegulationVersion } from '../../kernel/regulation.js';
import type { Db } from '../../platform/db/database.js';
import type { RiskHit, DecisionFacts } from './decision.rules.js';

export interface FilingView {
  id: string;
  customsCode: string;
  uscc: string;
  name: string;
  roles: string[];
  approved: boolean;
}

export interface ClearanceRegistry {
  /** The filing behind a customs code or USCC. */
  byCode(code: string): Promise<FilingView | null>;
  byId(id: string): Promise<FilingView | null>;
  /** Is there an approved product filing of this enterprise under this item number? */
  productApproved(enterpriseId: string, itemNo: string): Promise<boolean>;
}

export interface ClearanceReference {
  tariffAt(gcode: string, date?: string): Promise<{ dutyRate: string; vatRate: string; consumptionRate: string; positiveList: boolean; yearlyCapQty?: string | null; yearlyCapUnit?: string | null } | null>;
  regulationAt(date?: string): Promise<RegulationVersion>;
  /** Does the HS table know this code (10 digits) or heading (4 to 9 digits: some code starts with it)? */
  hsKnown(code: string, date?: string): Promise<boolean>;
}

/** A receipt in the CEB JSON form, rendered to XML by the gateway's codec. */
export type ReceiptMessage = { messageType: string; guid: string; version: string } & Record<string, unknown>;

export interface ReceiptRenderer {
  toXml(message: ReceiptMessage): string;
}

/** Who may push orders and payments for others (代推): a recorded, approved undertaking in force. */
export type MayPushOnBehalf = (senderEnterpriseId: string, kind: 'order' | 'payment', ownerCode: string, date: string) => Promise<boolean>;

/** 1210 bonded stock, moved inside clearance's transaction (the bonded module's port). */
export interface ClearanceStock {
  take(trx: Db, req: { emsNo: string; ref: string; at: Date; lines: Array<{ gnum: number; itemRecordNo: string; qty: string }> }): Promise<{ ok: true } | { ok: false; code: string; message: { zh: string; en: string }; details: Record<string, unknown> }>;
  giveBack(trx: Db, req: { ref: string; at: Date; lines?: Array<{ gnum: number; qty: string }>; reason?: 'cancellation' | 'return'; key?: string }): Promise<unknown>;
}

/** Risk rules registered by other modules; none by default. */
export type RiskHook = (facts: Omit<DecisionFacts, 'risk' | 'sampled'>) => RiskHit[];
