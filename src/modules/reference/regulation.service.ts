/**
 * The versioned regulation parameters (limits, rates, windows) as the zone keeps them: the built-in table
 * seeded by migration, plus versions operators add. A new version may start today or later, never in the
 * past, so that a declaration already judged stays judged by the rules of its day.
 */
import type { Clock } from '../../kernel/clock.js';
import { conflict, invalid } from '../../kernel/errors.js';
import { regulationAt as versionAt, validateRegulationParams, type RegulationParams, type RegulationVersion } from '../../kernel/regulation.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Db, Dialect } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { readCache } from './cache.js';
import type { ReferenceStore } from './reference.store.js';
import type { RegulationInput } from './reference.types.js';
import { checkDate, shanghaiDate, type IsoDate } from './versioning.rules.js';

const VERSION = /^[\w.-]{1,32}$/;

export function createRegulationService(deps: { db: Db; dialect: Dialect; clock: Clock; audit: AuditLog; store: ReferenceStore; cacheTtlMs: number }) {
  const { store } = deps;
  const cache = readCache<RegulationVersion[]>(deps.cacheTtlMs);
  const today = () => shanghaiDate(deps.clock.now());
  const all = () => cache.get('all', () => store.regulationVersions());

  /** Every version, oldest first. */
  async function listRegulation(): Promise<RegulationVersion[]> {
    return all();
  }

  /** The version in force on `date` (default: today); throws `regulation.no_version` before the first one. */
  async function regulationAt(date?: IsoDate): Promise<RegulationVersion> {
    return versionAt(await all(), date === undefined ? today() : checkDate(date, 'date'));
  }

  /**
   * Adds a version from `effectiveFrom` on. Parameters not given are carried over from the version in
   * force that day; the result is checked as a whole (`regulation.invalid_param` names the field).
   */
  async function addRegulation(actor: Principal, input: RegulationInput): Promise<RegulationVersion> {
    const from = checkDate(input.effectiveFrom, 'effectiveFrom');
    if (from < today()) {
      throw invalid('reference.regulation_retroactive', {
        zh: `新版本监管参数不能早于今天（${today()}）生效：${from}`,
        en: `a new regulation version cannot take effect before today (${today()}): ${from}`,
      }, { field: 'effectiveFrom', value: from, today: today() });
    }
    const note = typeof input.note === 'string' ? input.note.trim() : '';
    if (note === '' || note.length > 500) {
      throw invalid('reference.invalid_text', { zh: 'note 必须是 1 到 500 个字符的文本', en: 'note must be text of 1 to 500 characters' }, { field: 'note' });
    }
    const version = input.version ?? from;
    if (!VERSION.test(version)) {
      throw invalid('reference.invalid_version', { zh: `版本号只能包含字母、数字和 _ . -：${version}`, en: `a version name has only letters, digits and _ . -: ${version}` }, { field: 'version', value: version });
    }
    const versions = await store.regulationVersions();
    const base = versions.filter((v) => v.effectiveFrom <= from).pop();
    for (const k of Object.keys(input.params)) {
      if (!Object.hasOwn(PARAM_KEYS, k)) throw invalid('regulation.invalid_param', { zh: `未知参数 ${k}`, en: `unknown parameter ${k}` }, { field: k });
    }
    const params: RegulationParams = validateRegulationParams({ ...(base?.params ?? {}), ...input.params });
    const created: RegulationVersion = { version, effectiveFrom: from, note, params };

    await deps.db.transaction().execute(async (trx) => {
      await store.lockKey(trx, deps.dialect, 'reference_regulation');
      const clash = (await store.regulationVersions(trx)).find((v) => v.version === version || v.effectiveFrom === from);
      if (clash) {
        throw conflict('reference.regulation_exists', {
          zh: `已有版本 ${clash.version}（${clash.effectiveFrom} 起生效）`,
          en: `version ${clash.version} (in force from ${clash.effectiveFrom}) already exists`,
        }, { version: clash.version, effectiveFrom: clash.effectiveFrom });
      }
      await store.insertRegulation(trx, created, actorOf(actor), deps.clock.now().toISOString());
      await deps.audit.append(trx, { actor: actorOf(actor), action: 'reference.regulation.add', subject: `regulation:${version}`, before: base ?? null, after: created });
    });
    cache.clear();
    return created;
  }

  return { listRegulation, regulationAt, addRegulation };
}

/** Every parameter name: an edit naming anything else is a typo, refused rather than ignored. */
const PARAM_KEYS: Record<keyof RegulationParams, true> = {
  singleLimitFen: true,
  annualLimitFen: true,
  retailTaxFactor: true,
  retailDutyRate: true,
  defaultVatRate: true,
  discountReducesDutiable: true,
  limitsCountFreight: true,
  amountTolerance: true,
  paymentToleranceFen: true,
  matchWindowHours: true,
  returnWindowDays: true,
  returnArrivalDays: true,
  exportReturnMonths: true,
  priceDeviationWarn: true,
  deemedIncomeRate: true,
  simplifiedListLimitFen: true,
  summaryDeadlineDay: true,
  summaryGroupBy: true,
  exportReturnExcludedChapters: true,
};
