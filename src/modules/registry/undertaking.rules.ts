/**
 * Push-on-behalf undertakings (代推承诺, GACC 2018 No.194; DOMAIN.md §1, §3): a postal or express operator
 * undertakes liability for the order (CEB311) and payment (CEB411) data it pushes for platforms and
 * e-commerce enterprises, named by customs code or all of them, for a span of days. Pure: the check of
 * what the operator files, and the answer to "does this undertaking permit this push on this day".
 */
import { checkCustomsCode } from '../../kernel/codes/customs-code.js';
import type { Checked, Issue } from './filing.rules.js';

export const PUSH_KINDS = ['order', 'payment'] as const;
/** What is pushed on behalf: order data (CEB311) or payment data (CEB411). */
export type PushKind = (typeof PUSH_KINDS)[number];

export const UNDERTAKING_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export type UndertakingStatus = (typeof UNDERTAKING_STATUSES)[number];

export interface UndertakingInput {
  kinds: string[];
  /** true: for every platform and e-commerce enterprise; then ownerCodes stays empty. */
  allOwners?: boolean;
  /** Customs codes of the platforms / e-commerce enterprises the operator pushes for. */
  ownerCodes?: string[];
  /** YYYY-MM-DD, Asia/Shanghai, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, Asia/Shanghai, inclusive. */
  validTo: string;
  /** The number of the written undertaking (承诺书编号), if it has one. */
  letterNo?: string | null;
  note?: string | null;
}

export interface UndertakingData {
  kinds: PushKind[];
  allOwners: boolean;
  ownerCodes: string[];
  validFrom: string;
  validTo: string;
  letterNo: string | null;
  note: string | null;
}

export interface UndertakingFacts {
  validFromOk: boolean;
  validToOk: boolean;
  /** Today in Asia/Shanghai: an undertaking that has already ended is not filed. */
  today: string;
  /** The filing behind each named owner code, if any, with its roles. */
  owners: ReadonlyMap<string, { roles: string[] } | null>;
}

export const MAX_OWNER_CODES = 200;

const issue = (code: string, field: string, zh: string, en: string, value?: unknown): Issue => ({ code, field, message: { zh, en }, value });

export const normaliseOwnerCodes = (codes: readonly string[] | undefined): string[] => [...new Set((codes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))];

export function checkUndertaking(input: UndertakingInput, facts: UndertakingFacts): Checked<UndertakingData> {
  const problems: Issue[] = [];
  const warnings: Issue[] = [];
  const kinds = [...new Set(input.kinds)];
  if (kinds.length === 0) problems.push(issue('registry.undertaking_invalid_kind', 'kinds', '至少选择一类代推数据（订单 order、支付单 payment）', 'choose at least one kind of data pushed on behalf (order, payment)', input.kinds));
  for (const k of kinds) {
    if (!(PUSH_KINDS as readonly string[]).includes(k)) problems.push(issue('registry.undertaking_invalid_kind', 'kinds', `未知的代推数据类型：${k}（可选 order、payment）`, `unknown kind of data pushed on behalf: ${k} (allowed: order, payment)`, k));
  }

  const allOwners = input.allOwners === true;
  const ownerCodes = normaliseOwnerCodes(input.ownerCodes);
  if (allOwners && ownerCodes.length > 0) {
    problems.push(issue('registry.undertaking_owners', 'ownerCodes', '"全部企业"与指定企业只能选其一', 'either all enterprises or named ones, not both', ownerCodes));
  } else if (!allOwners && ownerCodes.length === 0) {
    problems.push(issue('registry.undertaking_owners', 'ownerCodes', '请指定被代推的电商平台或电商企业（海关编码），或选择全部企业', 'name the platforms or e-commerce enterprises pushed for (customs codes), or choose all', []));
  } else if (ownerCodes.length > MAX_OWNER_CODES) {
    problems.push(issue('registry.undertaking_owners', 'ownerCodes', `最多指定 ${MAX_OWNER_CODES} 家企业`, `at most ${MAX_OWNER_CODES} enterprises can be named`, ownerCodes.length));
  }
  ownerCodes.forEach((code, i) => {
    if (!checkCustomsCode(code).ok) {
      problems.push(issue('registry.invalid_customs_code', `ownerCodes.${i}`, `海关编码须为 10 位（前 4 位为地区数字）：${code}`, `the customs code must have 10 characters, the first 4 digits: ${code}`, code));
      return;
    }
    const filed = facts.owners.get(code);
    if (!filed) warnings.push(issue('registry.undertaking_owner_unknown', `ownerCodes.${i}`, `海关编码 ${code} 尚无企业备案`, `no enterprise is filed under customs code ${code}`, code));
    else if (!filed.roles.some((r) => r === 'ebp' || r === 'ebc')) {
      warnings.push(issue('registry.undertaking_owner_role', `ownerCodes.${i}`, `${code} 备案的企业类型不是电商平台或电商企业`, `${code} is filed neither as a platform nor as an e-commerce enterprise`, code));
    }
  });

  if (!facts.validFromOk) problems.push(issue('registry.undertaking_dates', 'validFrom', `生效日期不是有效日期（YYYY-MM-DD）：${input.validFrom}`, `validFrom is not a valid date (YYYY-MM-DD): ${input.validFrom}`, input.validFrom));
  if (!facts.validToOk) problems.push(issue('registry.undertaking_dates', 'validTo', `截止日期不是有效日期（YYYY-MM-DD）：${input.validTo}`, `validTo is not a valid date (YYYY-MM-DD): ${input.validTo}`, input.validTo));
  if (facts.validFromOk && facts.validToOk) {
    if (input.validTo < input.validFrom) problems.push(issue('registry.undertaking_dates', 'validTo', `截止日期 ${input.validTo} 早于生效日期 ${input.validFrom}`, `validTo ${input.validTo} is before validFrom ${input.validFrom}`, input.validTo));
    else if (input.validTo < facts.today) problems.push(issue('registry.undertaking_dates', 'validTo', `截止日期 ${input.validTo} 已过（今天 ${facts.today}）`, `validTo ${input.validTo} has passed (today is ${facts.today})`, input.validTo));
  }

  const letterNo = input.letterNo?.trim() || null;
  if (letterNo && letterNo.length > 50) problems.push(issue('registry.undertaking_letter_no', 'letterNo', '承诺书编号最多 50 个字符', 'letterNo has at most 50 characters', letterNo));
  const note = input.note?.trim() || null;
  if (note && note.length > 500) problems.push(issue('registry.undertaking_note', 'note', '备注最多 500 个字符', 'note has at most 500 characters', note.length));

  return { value: { kinds: kinds as PushKind[], allOwners, ownerCodes, validFrom: input.validFrom, validTo: input.validTo, letterNo, note }, problems, warnings };
}

/**
 * Does the undertaking permit pushing `kind` for the owner on `date`? Only an approved undertaking does,
 * on the days from validFrom to validTo inclusive, for its kinds and its owners (all, or one of the codes
 * the owner is known by: its customs code, or the USCC it was named with).
 */
export function permits(
  u: { status: string; kinds: readonly string[]; allOwners: boolean; ownerCodes: readonly string[]; validFrom: string; validTo: string },
  q: { kind: PushKind; ownerCodes: readonly string[]; date: string },
): boolean {
  if (u.status !== 'approved') return false;
  if (q.date < u.validFrom || q.date > u.validTo) return false;
  if (!u.kinds.includes(q.kind)) return false;
  return u.allOwners || q.ownerCodes.some((c) => u.ownerCodes.includes(c));
}
