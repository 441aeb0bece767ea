/** What the file-drop gateway needs of the platform: a clock, filings by code, and ingestion. */
import type { Ingest } from '../../modules/clearance/index.js';
import type { EnterpriseSummary } from '../../modules/registry/index.js';

export interface FileDropPlatform {
  clock: { now(): Date };
  registry: { enterprises: { byCode(code: string): Promise<EnterpriseSummary | null> } };
  clearance: { ingest: Pick<Ingest, 'submit'> };
}

/** An enterprise the gateway was started for: filed and approved when the gateway started. */
export type Sender = Pick<EnterpriseSummary, 'id' | 'name' | 'customsCode' | 'uscc'>;

export interface FileDropOptions {
  /** Folder the transfer client drops `*.xml` messages into. Must exist. */
  inbox: string;
  /** Folder receipts and CEB900s are written to. Must exist, and differ from the inbox. */
  outbox: string;
  /** Folder refused files are moved to; `<inbox>/../failed` by default, created when missing. */
  failed?: string;
  /** The enterprises served, by customs code or USCC, comma-separated. */
  enterprise: string;
  /** Process the files that are complete, then return. */
  once?: boolean;
  /** Poll interval in ms (default 1000); a file must keep its size and mtime across one interval. */
  interval?: number;
}

export interface FileDropSummary {
  accepted: number;
  refused: number;
  /** Files left in the inbox: still being written, or waiting for a retry after the database or disk failed. */
  left: number;
}
