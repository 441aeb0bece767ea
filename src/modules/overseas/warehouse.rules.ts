/**
 * Pure checks of an overseas warehouse filing (海外仓备案, 9810, GACC 2020 No.75; DOMAIN.md §5): the
 * warehouse's data, the ownership or lease proof file, and a review decision. Facts that need the store
 * or the clock (is the country in the code table, what day is it) come in; every problem goes out with a
 * stable code, the field and bilingual text.
 */
import type { Text } from '../../kernel/errors.js';

export interface Issue {
  code: string;
  field: string;
  message: Text;
  value?: unknown;
}

export interface Checked<T> {
  value: T;
  problems: Issue[];
}

export const issue = (code: string, field: string, zh: string, en: string, value?: unknown): Issue => ({ code, field, message: { zh, en }, value });

export const WAREHOUSE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type WarehouseStatus = (typeof WAREHOUSE_STATUSES)[number];

export const TENURES = ['own', 'lease'] as const;
/** own: the enterprise owns the premises (产权); lease: it rents them (租赁) until `leaseEnds`. */
export type Tenure = (typeof TENURES)[number];

export interface WarehouseInput {
  name: string;
  country: string;
  address: string;
  /** Floor area in m², a decimal string with at most 2 decimals. */
  areaSqm: string;
  /** The company that runs the warehouse abroad. */
  operatorName: string;
  tenure: string;
  /** YYYY-MM-DD; a lease only. */
  leaseEnds?: string | null;
}

export interface WarehouseData {
  name: string;
  country: string;
  address: string;
  /** Floor area in hundredths of a square metre. */
  areaCenti: number;
  operatorName: string;
  tenure: Tenure;
  leaseEnds: string | null;
}

export interface WarehouseFacts {
  countryKnown: boolean;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  /** Is the text a real calendar date written YYYY-MM-DD. */
  isDate: (text: string) => boolean;
}

/** Codes of the country table that are not a country abroad: China itself, continents, unknown, neutral. */
export const NOT_ABROAD = new Set(['142', '100', '200', '300', '400', '500', '600', '701', '999']);

const AREA = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "1200.5" -> 120050 hundredths of a m²; null unless a positive decimal with ≤ 9 integer and ≤ 2 fraction digits. */
export function parseArea(text: string): number | null {
  const m = AREA.exec(text.trim());
  if (!m) return null;
  const centi = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return centi > 0 ? centi : null;
}

/** 120050 -> "1200.5"; 300000 -> "3000". */
export function formatArea(centi: number): string {
  const frac = String(centi % 100).padStart(2, '0').replace(/0+$/, '');
  return `${Math.floor(centi / 100)}${frac ? `.${frac}` : ''}`;
}

function text(value: string, min: number, max: number): string | null {
  const v = value.trim().replace(/\s+/g, ' ');
  return v.length >= min && v.length <= max ? v : null;
}

export function checkWarehouse(input: WarehouseInput, facts: WarehouseFacts): Checked<WarehouseData> {
  const problems: Issue[] = [];
  const name = text(input.name, 2, 100);
  if (name === null) problems.push(issue('overseas.invalid_name', 'name', '海外仓名称须为 2–100 个字符', 'the warehouse name must have 2–100 characters', input.name));

  const country = input.country.trim();
  if (!/^\d{3}$/.test(country)) problems.push(issue('overseas.invalid_country', 'country', `国别代码须为 3 位海关国别（地区）代码：${input.country}`, `country must be a 3-digit customs country code: ${input.country}`, input.country));
  else if (!facts.countryKnown) problems.push(issue('overseas.invalid_country', 'country', `国别代码不在海关国别（地区）代码表中：${country}`, `country is not in the customs country code table: ${country}`, country));
  else if (NOT_ABROAD.has(country)) problems.push(issue('overseas.invalid_country', 'country', `海外仓须位于境外国家（地区），不能为：${country}`, `an overseas warehouse must be in a country or region abroad, not ${country}`, country));

  const address = text(input.address, 5, 300);
  if (address === null) problems.push(issue('overseas.invalid_address', 'address', '海外仓地址须为 5–300 个字符', 'the warehouse address must have 5–300 characters', input.address));

  const areaCenti = parseArea(input.areaSqm);
  if (areaCenti === null) problems.push(issue('overseas.invalid_area', 'areaSqm', `仓库面积须为大于 0 的数（平方米，最多两位小数）：${input.areaSqm}`, `areaSqm must be a number above 0 (square metres, at most 2 decimals): ${input.areaSqm}`, input.areaSqm));

  const operatorName = text(input.operatorName, 2, 200);
  if (operatorName === null) problems.push(issue('overseas.invalid_operator', 'operatorName', '境外仓库运营企业名称须为 2–200 个字符', 'operatorName (the company running the warehouse abroad) must have 2–200 characters', input.operatorName));

  const tenure = input.tenure.trim() as Tenure;
  const leaseEndsRaw = input.leaseEnds?.trim() || null;
  let leaseEnds: string | null = null;
  if (!(TENURES as readonly string[]).includes(tenure)) {
    problems.push(issue('overseas.invalid_tenure', 'tenure', `仓库权属须为 own（自有）或 lease（租赁）：${input.tenure}`, `tenure must be own or lease: ${input.tenure}`, input.tenure));
  } else if (tenure === 'lease') {
    if (!leaseEndsRaw) problems.push(issue('overseas.lease_ends_required', 'leaseEnds', '租赁仓库须填写租赁到期日（YYYY-MM-DD）', 'a leased warehouse needs leaseEnds, the day the lease ends (YYYY-MM-DD)'));
    else if (!facts.isDate(leaseEndsRaw)) problems.push(issue('overseas.invalid_lease_ends', 'leaseEnds', `租赁到期日不是有效日期（YYYY-MM-DD）：${leaseEndsRaw}`, `leaseEnds is not a valid date (YYYY-MM-DD): ${leaseEndsRaw}`, leaseEndsRaw));
    else if (leaseEndsRaw <= facts.today) problems.push(issue('overseas.invalid_lease_ends', 'leaseEnds', `租赁到期日须晚于今天（${facts.today}）：${leaseEndsRaw}`, `leaseEnds must be after today (${facts.today}): ${leaseEndsRaw}`, leaseEndsRaw));
    else leaseEnds = leaseEndsRaw;
  } else if (leaseEndsRaw) {
    problems.push(issue('overseas.invalid_lease_ends', 'leaseEnds', '自有仓库不填写租赁到期日', 'leaseEnds applies to a leased warehouse only', leaseEndsRaw));
  }

  return {
    value: { name: name ?? input.name, country, address: address ?? input.address, areaCenti: areaCenti ?? 0, operatorName: operatorName ?? input.operatorName, tenure, leaseEnds },
    problems,
  };
}

// ---- the proof file ------------------------------------------------------------------------------------

export const PROOF_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ProofType = (typeof PROOF_TYPES)[number];

/** The largest proof file, bytes (5 MiB). */
export const MAX_PROOF_BYTES = 5 * 1024 * 1024;

export interface ProofInput {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export interface ProofFile {
  /** The name as given, reduced to a display name (no folders, no control characters). */
  fileName: string;
  contentType: ProofType;
  bytes: Buffer;
}

/** The signatures of the accepted types: %PDF-, the PNG signature, JPEG's SOI + marker. */
const MAGIC: Record<ProofType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

const EXTENSION: Record<ProofType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** What the first bytes say the file is, or null. */
export function sniffType(bytes: Uint8Array): ProofType | null {
  for (const type of PROOF_TYPES) {
    const sig = MAGIC[type];
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/** A file name safe to show and to offer for download: the last path segment, printable, at most 200 characters. */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return base.slice(0, 200);
}

/** The name offered on download: the display name with the extension of the verified type, never the given one. */
export function downloadName(fileName: string, type: ProofType): string {
  const stem = fileName.replace(/\.[^.]*$/, '') || 'proof';
  return `${stem}.${EXTENSION[type]}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded size of canonical base64 text, without decoding it. */
const decodedSize = (b64: string) => (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/**
 * The proof of ownership or lease: a PDF, PNG or JPEG of 1 byte to 5 MiB whose first bytes match the
 * declared type. The name is only shown; the type is trusted only when the content agrees.
 */
export function checkProof(input: ProofInput): Checked<ProofFile | null> {
  const problems: Issue[] = [];
  const fileName = displayName(input.fileName);
  if (fileName.length === 0) problems.push(issue('overseas.invalid_proof_name', 'proof.fileName', '证明文件须有文件名', 'the proof file needs a file name', input.fileName));
  const contentType = input.contentType.trim().toLowerCase() as ProofType;
  const typeOk = (PROOF_TYPES as readonly string[]).includes(contentType);
  if (!typeOk) {
    problems.push(issue('overseas.invalid_proof_type', 'proof.contentType', `证明文件须为 PDF、PNG 或 JPEG（${PROOF_TYPES.join('、')}）：${input.contentType}`, `the proof file must be PDF, PNG or JPEG (${PROOF_TYPES.join(', ')}): ${input.contentType}`, input.contentType));
  }
  const b64 = input.contentBase64.replace(/\s+/g, '');
  if (!BASE64.test(b64) || b64.length % 4 !== 0) {
    problems.push(issue('overseas.invalid_proof_encoding', 'proof.contentBase64', '证明文件内容须为 Base64 编码', 'the proof file content must be base64-encoded'));
    return { value: null, problems };
  }
  const size = decodedSize(b64);
  if (size === 0) {
    problems.push(issue('overseas.proof_empty', 'proof.contentBase64', '证明文件为空', 'the proof file is empty', 0));
    return { value: null, problems };
  }
  if (size > MAX_PROOF_BYTES) {
    problems.push(issue('overseas.proof_too_large', 'proof.contentBase64', `证明文件不能超过 5 MB（${MAX_PROOF_BYTES} 字节），实际 ${size} 字节`, `the proof file may have at most 5 MB (${MAX_PROOF_BYTES} bytes); it has ${size}`, size));
    return { value: null, problems };
  }
  const bytes = Buffer.from(b64, 'base64');
  if (typeOk) {
    const seen = sniffType(bytes);
    if (seen !== contentType) {
      problems.push(issue(
        'overseas.proof_type_mismatch',
        'proof.contentType',
        `证明文件内容与声明的类型 ${contentType} 不符（文件内容为：${seen ?? '未知类型'}）`,
        `the proof file's content does not match its declared type ${contentType} (the content is ${seen ?? 'of an unknown type'})`,
        { declared: contentType, detected: seen },
      ));
    }
  }
  return { value: problems.length === 0 ? { fileName, contentType, bytes } : null, problems };
}

// ---- review ----------------------------------------------------------------------------------------------

export type Decision = 'approve' | 'reject';

export type DecisionCheck = { ok: true; reason: string | null } | { ok: false; kind: 'conflict' | 'invalid'; issue: Issue };

/** Only a pending filing is decided; a rejection needs a reason. */
export function checkDecision(status: WarehouseStatus, decision: Decision, reason: string | undefined | null): DecisionCheck {
  if (status !== 'pending') {
    return { ok: false, kind: 'conflict', issue: issue('overseas.not_pending', 'status', `该海外仓备案不在待审核状态（当前：${status}）`, `the overseas warehouse filing is not pending review (it is ${status})`, status) };
  }
  const why = reason?.trim() || null;
  if (decision === 'reject' && !why) return { ok: false, kind: 'invalid', issue: issue('overseas.reason_required', 'reason', '驳回须填写原因', 'a rejection needs a reason') };
  return { ok: true, reason: why };
}

/** A rejected filing is corrected and resubmitted; a pending one may be corrected before review; an approved one stays as approved. */
export function mayResubmit(status: WarehouseStatus): Issue | null {
  return status === 'approved'
    ? issue('overseas.already_approved', 'status', '海外仓备案已通过，不能再修改；如有变化请另行备案', 'the overseas warehouse filing is approved and cannot change: file a new one for a different warehouse', status)
    : null;
}
