/**
 * What webhooks needs from the rest of the platform, filled in by compose.ts: an enterprise's receipts in
 * cursor order (clearance owns them) and whether an enterprise is on file (registry). The module reads no
 * other module's tables.
 */

/** A receipt as pushed to the receiver: the same fields GET /api/v1/receipts gives. */
export type WebhookReceipt = {
  cursor: number;
  messageType: string;
  guid: string;
  returnStatus: string;
  returnTime: string;
  returnInfo: string;
  fields: Record<string, string>;
  xml: string;
};

export interface WebhookReceiptSource {
  /** The enterprise's receipts with cursor > `after`, ascending, at most `limit`. */
  after(enterpriseId: string, after: number, limit: number): Promise<WebhookReceipt[]>;
}

export interface WebhookEnterprises {
  exists(enterpriseId: string): Promise<boolean>;
}
