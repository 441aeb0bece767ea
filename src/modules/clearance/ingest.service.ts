/**
 * Ingestion (DESIGN.md §3): sender checks, idempotency, durable insert, slotting into the declaration, and
 * re-evaluation of the declaration — for a batch of messages in one transaction (group commit), so every
 * receipt is returned only after its transaction commits. A rejected document changes nothing but its
 * own receipt.
 */
import { createHash } from 'node:crypto';
import { newId } from '../../kernel/ids.js';
import { lockRows } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import type { Node } from './ceb-map.rules.js';
import { documentsOf, header } from './ceb-map.rules.js';
import { createEvaluator } from './evaluate.service.js';
import type { Batch, IngestDeps } from './context.js';
export type { IngestDeps } from './context.js';
import { KINDS, headNode, isActionKind, type KindDef } from './kinds.js';
import { createActions } from './actions.service.js';
import type { ClearanceTables } from './migrations.js';
import type { FilingView } from './ports.js';
import type { ReceiptView } from './receipts.js';


/** The answer to one document: its receipt. */
export type DocReceipt = Omit<ReceiptView, 'cursor'> & { cursor: number | null };

type Message = { messageType: string; guid?: string } & Record<string, unknown>;

const text = (zh: string, en: string) => ({ zh, en });

export function createIngest(deps: IngestDeps) {
  const evaluator = createEvaluator(deps);
  const actions = createActions(deps, evaluator);

  async function submit(principal: Principal, messages: Message[]): Promise<DocReceipt[]> {
    const now = deps.clock.now();
    return deps.db.transaction().execute(async (trx) => {
      const batch: Batch = { trx, now, filings: new Map(), touched: new Set() };
      const out: DocReceipt[] = [];
      const digest = createHash('sha256');
      for (const m of messages) {
        const def = KINDS[m.messageType];
        if (!def) {
          out.push(unsupported(m));
          continue;
        }
        for (const doc of documentsOf(m as Node, def.node)) {
          const r = await handle(batch, principal, m, def, doc);
          digest.update(`${r.messageType}:${r.guid}:${r.returnStatus}\n`);
          out.push(r);
        }
      }
      for (const declId of batch.touched) await evaluator.evaluate(batch, declId);
      await deps.audit.append(trx, {
        actor: actorOf(principal),
        action: 'clearance.batch',
        subject: `enterprise:${principal.enterpriseId ?? '-'}`,
        after: { documents: out.length, digest: digest.digest('hex') },
      });
      return out;
    });
  }

  function unsupported(m: Message): DocReceipt {
    const info = text(`平台暂不受理 ${m.messageType} 报文`, `${m.messageType} messages are not accepted here`);
    return { cursor: null, messageType: 'CEB900', guid: String(m.guid ?? ''), subject: String(m.messageType), returnStatus: '-1', returnTime: '', returnInfo: `clearance.unsupported_message: ${info.zh} / ${info.en}`, fields: {}, xml: '', createdAt: deps.clock.now().toISOString() };
  }

  async function senderFiling(batch: Batch, principal: Principal): Promise<FilingView | null> {
    const id = principal.enterpriseId;
    if (!id) return null;
    if (!batch.filings.has(`id:${id}`)) batch.filings.set(`id:${id}`, await deps.registry.byId(id));
    return batch.filings.get(`id:${id}`) ?? null;
  }

  async function handle(batch: Batch, principal: Principal, m: Message, def: KindDef, doc: Node): Promise<DocReceipt> {
    const head = headNode(def, doc);
    const h = header(head);
    const fields = def.receiptFields(head);
    const reject = async (code: string, zh: string, en: string) => {
      const [r] = await deps.receipts.append(batch.trx, [{ recipientIds: principal.enterpriseId ? [principal.enterpriseId] : [], messageType: def.receiptType, node: def.receiptNode, refGuid: h.guid, subject: def.businessKey(head), returnStatus: 100, fields: { ...fields, returnInfo: `${code}: ${zh} / ${en}` } }], batch.now);
      return r ?? { cursor: null, messageType: def.receiptType, guid: h.guid, subject: def.businessKey(head), returnStatus: '100', returnTime: '', returnInfo: `${code}: ${zh} / ${en}`, fields, xml: '', createdAt: batch.now.toISOString() };
    };

    // Who sent it: the API key's enterprise, named in BaseTransfer.copCode, filed, approved, in the role.
    const sender = await senderFiling(batch, principal);
    const copCode = String((m.BaseTransfer as Node | undefined)?.copCode ?? '').trim();
    if (!sender) return reject('clearance.sender_not_filed', '发送方没有企业备案', 'the sender has no enterprise filing');
    if (copCode !== sender.customsCode && copCode !== sender.uscc) {
      return reject('clearance.sender_mismatch', `BaseTransfer.copCode ${copCode} 不是发送方 ${sender.customsCode}`, `BaseTransfer.copCode ${copCode} is not the sender ${sender.customsCode}`);
    }
    if (!sender.approved) return reject('clearance.sender_not_approved', `发送方 ${sender.customsCode} 的备案尚未通过审核`, `the sender ${sender.customsCode} filing is not approved`);
    const named = def.senderFields.map((f) => String(head[f] ?? '').trim());
    const isSender = (code: string | undefined) => code === sender.customsCode || code === sender.uscc;
    if (!def.senderRoles.some((role, i) => sender.roles.includes(role) && isSender(named[i]))) {
      return reject('clearance.sender_role', `${m.messageType} 须由${def.senderFields.join('/')} 所列且备案为 ${def.senderRoles.join('/')} 的企业发送`, `${m.messageType} must come from the enterprise named in ${def.senderFields.join('/')} and filed as ${def.senderRoles.join('/')}`);
    }

    // Idempotency: a repeated guid gets its original receipt.
    const t = batch.trx.withTables<ClearanceTables>();
    const same = await t.selectFrom('clearance_document').select(['receipt_json']).where('guid', '=', h.guid).executeTakeFirst();
    if (same) return JSON.parse(same.receipt_json) as DocReceipt;

    const key = def.businessKey(head);
    if (isActionKind(def.kind)) {
      const done = await t.selectFrom('clearance_document').select('id').where('business_key', '=', key).executeTakeFirst();
      if (done) return reject('clearance.duplicate', `重复的申请：${key}`, `duplicate application ${key}`);
      const outcome = def.kind === 'cancel' ? await actions.cancel(batch, head) : await actions.refund(batch, head, doc);
      if (!outcome.ok) return reject(outcome.code, outcome.zh, outcome.en);
      const receipt = outcome.receipts.find((r) => r.recipientId === principal.enterpriseId) ?? (await accept(batch, principal, def, h.guid, key, fields, outcome.info, outcome.info));
      await t
        .insertInto('clearance_document')
        .values({ id: newId(), kind: def.kind, message_type: def.messageType, guid: h.guid, business_key: key, sender_id: principal.enterpriseId!, ebp_code: null, order_no: null, link_key: null, app_type: h.appType, status: outcome.status, body: deps.sealer.seal(JSON.stringify(doc)), receipt_json: JSON.stringify(receipt), received_at: batch.now.toISOString() })
        .execute();
      return receipt;
    }
    const kind = def.kind;
    const existing = await lockRows(t.selectFrom('clearance_document').selectAll().where('business_key', '=', key), deps.dialect).executeTakeFirst();
    if (h.appType === '1' && existing) {
      return reject('clearance.duplicate', `业务编号重复：${key}（变更请用 appType=2）`, `duplicate business key ${key} (send appType 2 to change it)`);
    }
    if (h.appType !== '1' && !existing) return reject('clearance.nothing_to_change', `没有可变更或删除的单证：${key}`, `nothing to change or delete under ${key}`);
    if (existing && !(await evaluator.undecided(batch, kind, existing.id))) {
      return reject('clearance.already_decided', `清单已审结，不能再变更或删除：${key}`, `the list is already decided: ${key} can no longer change`);
    }

    const body = def.map(doc);
    const bodySealed = deps.sealer.seal(JSON.stringify(body));
    if (existing && h.appType === '3') {
      await t.deleteFrom('clearance_document').where('id', '=', existing.id).execute();
      const declId = await evaluator.detach(batch, kind, existing.id);
      if (declId) batch.touched.add(declId);
      return accept(batch, principal, def, h.guid, key, fields, '删除成功', 'deleted');
    }
    const id = existing?.id ?? newId();
    const [receipt] = await deps.receipts.append(batch.trx, [{ recipientIds: [principal.enterpriseId!], messageType: def.receiptType, node: def.receiptNode, refGuid: h.guid, subject: key, returnStatus: 120, fields: { ...fields, returnInfo: existing ? '变更已入库 / change accepted' : '已入库 / accepted' } }], batch.now);
    const row = {
      id,
      kind: def.kind,
      message_type: def.messageType,
      guid: h.guid,
      business_key: key,
      sender_id: principal.enterpriseId!,
      ebp_code: typeof head.ebpCode === 'string' ? head.ebpCode : null,
      order_no: typeof head.orderNo === 'string' ? head.orderNo : null,
      link_key: def.kind === 'waybill' ? key : null,
      app_type: h.appType,
      status: 120,
      body: bodySealed,
      receipt_json: JSON.stringify(receipt),
      received_at: batch.now.toISOString(),
    };
    if (existing) await t.updateTable('clearance_document').set(row).where('id', '=', id).execute();
    else await t.insertInto('clearance_document').values(row).execute();
    const declId = await evaluator.attach(batch, kind, id, body);
    if (declId) batch.touched.add(declId);
    return receipt!;
  }

  async function accept(batch: Batch, principal: Principal, def: KindDef, guid: string, key: string, fields: Record<string, string>, zh: string, en: string): Promise<DocReceipt> {
    const [r] = await deps.receipts.append(batch.trx, [{ recipientIds: [principal.enterpriseId!], messageType: def.receiptType, node: def.receiptNode, refGuid: guid, subject: key, returnStatus: 120, fields: { ...fields, returnInfo: `${zh} / ${en}` } }], batch.now);
    return r!;
  }

  /** Customs releases or rejects a list held for manual review (300) or inspection (500). */
  async function decide(principal: Principal, copNo: string, decision: 'release' | 'reject', reason: string) {
    const now = deps.clock.now();
    return deps.db.transaction().execute(async (trx) => {
      const batch: Batch = { trx, now, filings: new Map(), touched: new Set() };
      const outcome = await actions.decide(batch, copNo, decision, reason);
      if (outcome.ok) await deps.audit.append(trx, { actor: actorOf(principal), action: `clearance.inventory.${decision}`, subject: `inventory:${copNo}`, after: { status: outcome.status, reason } });
      return outcome;
    });
  }

  return { submit, decide, expireWaiting: evaluator.expireWaiting };
}

export type Ingest = ReturnType<typeof createIngest>;
