/**
 * Ingestion (DESIGN.md §3): sender checks, idempotency, durable insert, slotting into the declaration, and
 * re-evaluation of the declaration — for a batch of messages in one transaction (group commit), so every
 * receipt is returned only after its transaction commits. A rejected document changes nothing but its
 * own receipt.
 */
import { createHash } from 'node:crypto';
import { AppError, unavailable } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import type { Node } from './ceb-map.rules.js';
import { documentsOf, header } from './ceb-map.rules.js';
import { createEvaluator, shanghaiDate } from './evaluate.service.js';
import { createLookups, type Batch, type IngestDeps, type Lookups } from './context.js';
export type { IngestDeps } from './context.js';
import { KINDS, headNode, isActionKind, isEventKind, isExportDocKind, isExportKind, type KindDef } from './kinds.js';
import { createExportFlow, createExportStore, waybillKey, type Outcome } from './export.service.js';
import { createActions } from './actions.service.js';
import type { ImportList } from './documents.types.js';
import { LOCK_KEY } from './receipts.js';
import { createUnit, type Unit } from './unit.js';
import type { FilingView } from './ports.js';
import type { DocReceipt } from './receipts.js';


export type { DocReceipt } from './receipts.js';

type Message = { messageType: string; guid?: string } & Record<string, unknown>;

const text = (zh: string, en: string) => ({ zh, en });

/** One business document of a batch, read before anything is looked up. */
interface Item {
  m: Message;
  def: KindDef;
  doc: Node;
  head: Node;
  h: ReturnType<typeof header>;
  key: string;
  fields: Record<string, string>;
  /** Why the sender may not send it, when it may not. */
  refused?: { code: string; zh: string; en: string };
  /** The mapped document (slot kinds). */
  body?: unknown;
}

const str = (n: Node, k: string) => (typeof n[k] === 'string' ? (n[k] as string).trim() : '');
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);

/** The waybills a status report or an arrival names, by their business keys. */
function waybillsOf(x: Item): string[] {
  const firm = str(x.head, 'logisticsCode');
  if (x.def.kind === 'waybill_status') return [`waybill:${firm}:${str(x.head, 'logisticsNo')}`];
  return [...new Set(nodes(x.doc.DeliveryList).map((l) => `waybill:${firm}:${str(l, 'logisticsNo')}`))];
}

/** The export waybills (business keys) a document names: its own, its list's, or those an event reports. */
function exportWaybillsOf(x: Item): string[] {
  if (x.def.kind === 'export_waybill') return [x.key];
  if (x.def.kind === 'export_list') {
    const l = x.body as { logisticsCode: string; logisticsNo: string };
    return [waybillKey(l.logisticsCode, l.logisticsNo)];
  }
  const list = x.def.kind === 'export_arrival' ? x.doc.ArrivalList : x.def.kind === 'export_departure' ? x.doc.DepartureList : x.def.kind === 'export_bill' ? x.doc.WayBillList : undefined;
  if (!list) return [];
  const firm = str(x.head, 'logisticsCode');
  return nodes(list).map((l) => waybillKey(firm, str(l, 'logisticsNo')));
}

export function createIngest(deps: IngestDeps) {
  const evaluator = createEvaluator(deps);
  const actions = createActions(deps, evaluator);
  const exportFlow = createExportFlow(deps);

  /** Who sent it: the API key's enterprise, named in BaseTransfer.copCode, filed, approved, in the role. */
  async function senderProblem(sender: FilingView | null, m: Message, def: KindDef, head: Node, today: string): Promise<Item['refused']> {
    const copCode = String((m.BaseTransfer as Node | undefined)?.copCode ?? '').trim();
    if (!sender) return { code: 'clearance.sender_not_filed', zh: '发送方没有企业备案', en: 'the sender has no enterprise filing' };
    if (copCode !== sender.customsCode && copCode !== sender.uscc) {
      return { code: 'clearance.sender_mismatch', zh: `BaseTransfer.copCode ${copCode} 不是发送方 ${sender.customsCode}`, en: `BaseTransfer.copCode ${copCode} is not the sender ${sender.customsCode}` };
    }
    if (!sender.approved) return { code: 'clearance.sender_not_approved', zh: `发送方 ${sender.customsCode} 的备案尚未通过审核`, en: `the sender ${sender.customsCode} filing is not approved` };
    const isSender = (code: string) => code === sender.customsCode || code === sender.uscc;
    if (!def.senderRoles.some((role, i) => sender.roles.includes(role) && isSender(String(head[def.senderFields[i]!] ?? '').trim()))) {
      // 代推: a postal or express operator may push a platform's orders and payments under an undertaking.
      const ownerCode = String(head.ebpCode ?? '').trim();
      if ((def.kind === 'order' || def.kind === 'payment') && sender.roles.includes('logistics')) {
        if (ownerCode && (await deps.mayPushOnBehalf(sender.id, def.kind, ownerCode, today))) return undefined;
        return { code: 'clearance.no_undertaking', zh: `物流企业 ${sender.customsCode} 没有为电商平台 ${ownerCode} 代推${def.kind === 'order' ? '订单' : '支付单'}的有效承诺`, en: `logistics firm ${sender.customsCode} has no undertaking in force to push ${def.kind === 'order' ? 'orders' : 'payments'} for platform ${ownerCode}` };
      }
      return { code: 'clearance.sender_role', zh: `${m.messageType} 须由${[...new Set(def.senderFields)].join('/')} 所列且备案为 ${def.senderRoles.join('/')} 的企业发送`, en: `${m.messageType} must come from the enterprise named in ${[...new Set(def.senderFields)].join('/')} and filed as ${def.senderRoles.join('/')}` };
    }
    return undefined;
  }

  /** What each document of a submission is and whether its sender may send it: no store needed for that. */
  async function read(principal: Principal, messages: Message[], lookups: Lookups): Promise<Array<Item | DocReceipt>> {
    const sender = principal.enterpriseId ? await lookups.filingById(principal.enterpriseId) : null;
    const items: Array<Item | DocReceipt> = [];
    for (const m of messages) {
      const def = KINDS[m.messageType];
      if (!def) {
        items.push(unsupported(m));
        continue;
      }
      for (const doc of documentsOf(m as Node, def.node)) {
        const head = headNode(def, doc);
        const item: Item = { m, def, doc, head, h: header(head), key: def.businessKey(head), fields: def.receiptFields(head) };
        item.refused = await senderProblem(sender, m, def, head, shanghaiDate(deps.clock.now()));
        if (!item.refused && !isActionKind(def.kind) && !isEventKind(def.kind) && (!isExportKind(def.kind) || isExportDocKind(def.kind))) {
          try {
            item.body = def.map(doc);
          } catch (e) {
            // A value the schema allows but the rules cannot read (an amount past its precision): refused, named.
            if (!(e instanceof AppError)) throw e;
            item.refused = { code: e.code, zh: e.text.zh, en: e.text.en };
          }
        }
        items.push(item);
      }
    }
    return items;
  }

  /**
   * Group commit (DESIGN.md §3): submissions that arrive while a transaction runs wait and go together in
   * the next one, in arrival order; each is answered when that transaction has committed. Should a group
   * fail as a whole, its submissions are retried one by one, so that one cannot fail the others.
   */
  interface Waiting {
    principal: Principal;
    messages: Message[];
    resolve: (r: DocReceipt[]) => void;
    reject: (e: unknown) => void;
  }
  const waiting: Waiting[] = [];
  let draining = false;
  const GROUP_DOCUMENTS = 2_000;

  // Back-pressure: beyond this many documents waiting, a sender is told to come back rather than queued,
  // so a flood costs the server neither unbounded memory nor answers minutes late.
  const QUEUE_DOCUMENTS = deps.queueDocuments ?? 10_000;
  let queued = 0;

  function submit(principal: Principal, messages: Message[]): Promise<DocReceipt[]> {
    if (queued > 0 && queued + messages.length > QUEUE_DOCUMENTS) {
      return Promise.reject(unavailable('clearance.busy', { zh: `平台正忙（${queued} 份单证排队中），请 1 秒后重发`, en: `busy (${queued} documents waiting): send again in a second` }, { queued, retryAfterSeconds: 1 }));
    }
    queued += messages.length;
    return new Promise<DocReceipt[]>((resolve, reject) => {
      const settle = () => {
        queued -= messages.length;
      };
      waiting.push({
        principal,
        messages,
        resolve: (r) => {
          settle();
          resolve(r);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      });
      schedule();
    });
  }

  // A group starts after the event loop has taken in what else has arrived (setImmediate runs after I/O):
  // the store answers synchronously on SQLite, so without the pause every request would go alone.
  function schedule() {
    if (draining || waiting.length === 0) return;
    draining = true;
    setImmediate(() => void drainOne());
  }

  async function drainOne() {
    try {
      const group: Waiting[] = [waiting.shift()!];
      let size = group[0]!.messages.length;
      while (waiting.length > 0 && size + waiting[0]!.messages.length <= GROUP_DOCUMENTS) {
        size += waiting[0]!.messages.length;
        group.push(waiting.shift()!);
      }
      try {
        const results = await runGroup(group);
        group.forEach((g, i) => g.resolve(results[i]!));
      } catch (e) {
        if (group.length === 1) group[0]!.reject(e);
        else {
          for (const g of group) {
            try {
              g.resolve((await runGroup([g]))[0]!);
            } catch (one) {
              g.reject(one);
            }
          }
        }
      }
    } finally {
      draining = false;
      schedule();
    }
  }

  async function runGroup(group: Array<Pick<Waiting, 'principal' | 'messages'>>): Promise<DocReceipt[][]> {
    const now = deps.clock.now();
    const lookups = createLookups(deps);
    const readItems = await Promise.all(group.map((g) => read(g.principal, g.messages, lookups)));
    const accepted = readItems.flat().filter((x): x is Item => 'def' in x && !x.refused);

    return deps.hot.transaction(async ({ sql, trx }) => {
      if (sql.dialect === 'postgres') await sql.run('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
      const u = createUnit(sql, deps);
      const batch: Batch = { trx, now, lookups, sql, ex: createExportStore(sql) };
      const touched = new Set<string>();
      const exTouched = new Set<string>();
      // Read set-wise what the group will ask about: repeated guids, stored documents under its business
      // keys (and the waybills its lists and reports name), and the declarations all of them sit in.
      await u.loadGuids(accepted.map((x) => x.h.guid));
      const lists = accepted.filter((x) => x.def.kind === 'list').map((x) => x.body as ImportList);
      await u.loadDocs([...accepted.map((x) => x.key), ...lists.map((l) => `waybill:${l.logisticsCode}:${l.logisticsNo}`), ...accepted.flatMap((x) => (isEventKind(x.def.kind) ? waybillsOf(x) : []))]);
      const orders: Array<[string, string]> = [];
      for (const x of accepted) {
        const b = x.body as { ebpCode?: string; orderNo?: string } | undefined;
        if (b?.ebpCode && b.orderNo) orders.push([b.ebpCode, b.orderNo]);
        const stored = await u.doc(x.key);
        if (stored?.ebp_code && stored.order_no) orders.push([stored.ebp_code, stored.order_no]);
      }
      // Declarations by the waybills that arrive and those the lists name (one list per waybill).
      await u.loadDeclarations(orders, [...accepted.filter((x) => x.def.kind === 'waybill').map((x) => x.key), ...lists.map((l) => `waybill:${l.logisticsCode}:${l.logisticsNo}`)]);
      // Export: the waybills and declarations the group's export documents name, read set-wise too.
      const exportWaybills = accepted.flatMap((x) => exportWaybillsOf(x));
      if (exportWaybills.length > 0) await u.loadDocs(exportWaybills);
      const exportOrders = accepted.filter((x) => isExportDocKind(x.def.kind) && x.def.kind !== 'export_waybill').map((x) => x.body as { ebpCode: string; orderNo: string }).map((b): [string, string] => [b.ebpCode, b.orderNo]);
      if (exportOrders.length > 0 || exportWaybills.length > 0) await batch.ex!.preload(exportOrders, exportWaybills);

      const answered = new Map<string, DocReceipt>();
      const results: DocReceipt[][] = [];
      const entries = [];
      for (const [i, g] of group.entries()) {
        const out: DocReceipt[] = [];
        const digest = createHash('sha256');
        for (const x of readItems[i]!) {
          const r = 'def' in x ? await handle(u, batch, isExportKind(x.def.kind) ? exTouched : touched, answered, g.principal, x) : x;
          digest.update(`${r.messageType}:${r.guid}:${r.returnStatus}\n`);
          out.push(r);
        }
        results.push(out);
        entries.push({ actor: actorOf(g.principal), action: 'clearance.batch', subject: `enterprise:${g.principal.enterpriseId ?? '-'}`, after: { documents: out.length, digest: digest.digest('hex') } });
      }
      await evaluator.evaluateAll(u, trx, touched, now, lookups);
      await exportFlow.evaluateAll(u, batch, exTouched);
      await u.flush();
      await batch.ex!.flush();
      await deps.audit.append(trx, entries);
      return results;
    });
  }

  function unsupported(m: Message): DocReceipt {
    const info = text(`平台暂不受理 ${m.messageType} 报文`, `${m.messageType} messages are not accepted here`);
    return { cursor: null, messageType: 'CEB900', guid: String(m.guid ?? ''), subject: String(m.messageType), returnStatus: '-1', returnTime: '', returnInfo: `clearance.unsupported_message: ${info.zh} / ${info.en}`, fields: {}, xml: '', createdAt: deps.clock.now().toISOString() };
  }

  /** The receipt to the sender, queued to be stored with the batch. */
  function answer(u: Unit, principal: Principal, x: Item, status: number, info: string, now: Date): DocReceipt {
    const pending = deps.receipts.render([{ recipientIds: principal.enterpriseId ? [principal.enterpriseId] : [], messageType: x.def.receiptType, node: x.def.receiptNode, refGuid: x.h.guid, subject: x.key, returnStatus: status, fields: { ...x.fields, returnInfo: info } }], now);
    u.queue(pending);
    if (pending[0]) return pending[0].view;
    return { cursor: null, messageType: x.def.receiptType, guid: x.h.guid, subject: x.key, returnStatus: String(status), returnTime: '', returnInfo: info, fields: x.fields, xml: '', createdAt: now.toISOString() };
  }

  async function handle(u: Unit, batch: Batch, touched: Set<string>, answered: Map<string, DocReceipt>, principal: Principal, x: Item): Promise<DocReceipt> {
    const { def, h, key } = x;
    const reject = (code: string, zh: string, en: string) => answer(u, principal, x, 100, `${code}: ${zh} / ${en}`, batch.now);
    if (x.refused) return reject(x.refused.code, x.refused.zh, x.refused.en);

    // Idempotency: a repeated guid gets its original receipt.
    const earlier = answered.get(h.guid);
    if (earlier) return earlier;
    const stored = u.storedReceipt(h.guid);
    if (stored) return deps.receipts.revive(stored);
    const remember = (r: DocReceipt) => {
      answered.set(h.guid, r);
      return r;
    };

    if (isExportKind(def.kind) && !isExportDocKind(def.kind)) {
      if (await u.doc(key)) return reject('clearance.duplicate', `重复的申请：${key}`, `duplicate application ${key}`);
      const item = { kind: def.kind, doc: x.doc, head: x.head, guid: h.guid, key, senderId: principal.enterpriseId! };
      let outcome: Outcome;
      if (def.kind === 'export_arrival') outcome = await exportFlow.arrival(u, batch, item);
      else if (def.kind === 'export_departure') outcome = await exportFlow.departure(u, batch, item);
      else if (def.kind === 'export_bill') outcome = await exportFlow.bill(batch, item);
      else if (def.kind === 'export_cancel') outcome = await exportFlow.cancel(batch, item);
      else outcome = await exportFlow.summary(u, batch, item, batch.sql!);
      if (!outcome.ok) return reject(outcome.code, outcome.zh, outcome.en);
      if (outcome.extra) Object.assign(x.fields, outcome.extra);
      const id = newId();
      const receipt = answer(u, principal, x, outcome.status, outcome.info, batch.now);
      const at = batch.now.toISOString();
      const links = outcome.links ?? [];
      u.insertDoc({ row: { id, kind: def.kind, message_type: def.messageType, guid: h.guid, business_key: key, sender_id: principal.enterpriseId!, ebp_code: null, order_no: null, link_key: links.length === 1 ? links[0]! : null, app_type: h.appType, status: outcome.status, body: deps.sealer.seal(JSON.stringify(x.doc)), received_at: at }, receipt });
      if (def.kind === 'export_arrival' || def.kind === 'export_departure' || def.kind === 'export_bill') {
        const status = def.kind === 'export_arrival' ? 'arrived' : def.kind === 'export_departure' ? 'departed' : `bill ${str(x.head, 'billNo')}`;
        u.addEvents(links.map((k) => ({ waybill_key: k, kind: def.kind, status, event_time: str(x.head, def.kind === 'export_departure' ? 'leaveTime' : 'appTime'), document_id: id, sender_id: principal.enterpriseId!, note: str(x.head, 'note') || null, received_at: at })));
      }
      return remember(receipt);
    }
    if (isActionKind(def.kind)) {
      if (await u.doc(key)) return reject('clearance.duplicate', `重复的申请：${key}`, `duplicate application ${key}`);
      // Actions read and write declarations directly: what the batch holds is written first and read afresh after.
      await u.flush();
      const outcome = def.kind === 'cancel' ? await actions.cancel(batch, x.head) : await actions.refund(batch, x.head, x.doc);
      u.forget();
      if (!outcome.ok) return reject(outcome.code, outcome.zh, outcome.en);
      const receipt = outcome.receipts.find((r) => r.recipientId === principal.enterpriseId) ?? answer(u, principal, x, 120, outcome.info, batch.now);
      u.insertDoc({ row: { id: newId(), kind: def.kind, message_type: def.messageType, guid: h.guid, business_key: key, sender_id: principal.enterpriseId!, ebp_code: null, order_no: null, link_key: null, app_type: h.appType, status: outcome.status, body: deps.sealer.seal(JSON.stringify(x.doc)), received_at: batch.now.toISOString() }, receipt });
      return remember(receipt);
    }
    if (isEventKind(def.kind)) {
      if (await u.doc(key)) return reject('clearance.duplicate', `重复的报告：${key}`, `duplicate report ${key}`);
      const keys = waybillsOf(x);
      const unknown: string[] = [];
      for (const k of keys) if (!(await u.doc(k))) unknown.push(k.split(':')[2]!);
      const firm = str(x.head, 'logisticsCode');
      if (keys.length === 0) return reject('clearance.no_waybills', '入库明细单没有运单', 'the arrival names no waybills');
      if (unknown.length > 0) return reject('clearance.waybill_not_found', `物流企业 ${firm} 没有运单：${unknown.join('、')}`, `logistics firm ${firm} has no waybill ${unknown.join(', ')}`);
      const id = newId();
      const receipt = answer(u, principal, x, 120, '已入库 / accepted', batch.now);
      const at = batch.now.toISOString();
      u.insertDoc({ row: { id, kind: def.kind, message_type: def.messageType, guid: h.guid, business_key: key, sender_id: principal.enterpriseId!, ebp_code: null, order_no: null, link_key: keys.length === 1 ? keys[0]! : null, app_type: h.appType, status: 120, body: deps.sealer.seal(JSON.stringify(x.doc)), received_at: at }, receipt });
      const status = def.kind === 'waybill_status' ? str(x.head, 'logisticsStatus') : 'arrived';
      const time = str(x.head, def.kind === 'waybill_status' ? 'logisticsTime' : 'appTime');
      u.addEvents(keys.map((k) => ({ waybill_key: k, kind: def.kind, status, event_time: time, document_id: id, sender_id: principal.enterpriseId!, note: str(x.head, 'note') || null, received_at: at })));
      return remember(receipt);
    }
    const kind = def.kind;
    if (!isExportDocKind(kind) && (isExportKind(kind) || isActionKind(kind) || isEventKind(kind))) throw new Error(`unhandled kind ${kind}`);
    // Export documents fill export declarations; the rest of the way is the same.
    const slots = isExportDocKind(kind)
      ? { undecided: () => exportFlow.undecided(batch, kind, existing!), detach: () => exportFlow.detach(batch, kind, existing!), attach: (id: string, body: unknown) => exportFlow.attach(batch, u, kind, id, body, h.appType === '2') }
      : { undecided: () => evaluator.undecided(u, kind, existing!), detach: () => evaluator.detach(u, kind, existing!, batch.now), attach: (id: string, body: unknown) => evaluator.attach(u, kind, id, body, batch.now, h.appType === '2') };
    const existing = await u.doc(key);
    if (h.appType === '1' && existing) {
      return reject('clearance.duplicate', `业务编号重复：${key}（变更请用 appType=2）`, `duplicate business key ${key} (send appType 2 to change it)`);
    }
    if (h.appType !== '1' && !existing) return reject('clearance.nothing_to_change', `没有可变更或删除的单证：${key}`, `nothing to change or delete under ${key}`);
    if (existing && !(await slots.undecided())) {
      return reject('clearance.already_decided', `清单已审结，不能再变更或删除：${key}`, `the list is already decided: ${key} can no longer change`);
    }
    // One list declares an order: another list naming it would take over the order's declaration.
    if ((kind === 'list' || kind === 'export_list') && h.appType !== '3') {
      const l = x.body as { ebpCode: string; orderNo: string };
      const holder = kind === 'list' ? await u.declarationByOrder(l.ebpCode, l.orderNo) : await batch.ex!.byOrder(l.ebpCode, l.orderNo);
      if (holder?.list_id && holder.list_id !== existing?.id) {
        return reject('clearance.order_has_list', `电商平台 ${l.ebpCode} 的订单 ${l.orderNo} 已由清单 ${holder.cop_no ?? ''}（${holder.agent_code ?? ''}）申报`, `order ${l.orderNo} of platform ${l.ebpCode} is already declared by list ${holder.cop_no ?? ''} (${holder.agent_code ?? ''})`);
      }
      // One list per waybill too: arrivals, departures and bills find the list by its waybill.
      const w = x.body as { logisticsCode: string; logisticsNo: string };
      const wkey = kind === 'list' ? `waybill:${w.logisticsCode}:${w.logisticsNo}` : waybillKey(w.logisticsCode, w.logisticsNo);
      const carrier = kind === 'list' ? await u.declarationByLogistics(wkey) : await batch.ex!.byLogistics(wkey);
      if (carrier?.list_id && carrier.list_id !== existing?.id) {
        return reject('clearance.waybill_has_list', `物流企业 ${w.logisticsCode} 的运单 ${w.logisticsNo} 已由清单 ${carrier.cop_no ?? ''}（${carrier.agent_code ?? ''}）申报`, `waybill ${w.logisticsNo} of logistics firm ${w.logisticsCode} is already declared by list ${carrier.cop_no ?? ''} (${carrier.agent_code ?? ''})`);
      }
    }
    if (existing) {
      // A change or deletion leaves the declaration it sat in (a change may name another order).
      const left = await slots.detach();
      if (left) touched.add(left);
    }
    if (existing && h.appType === '3') {
      u.deleteDoc(existing);
      return remember(answer(u, principal, x, 120, '删除成功 / deleted', batch.now));
    }
    const body = x.body;
    const id = existing?.id ?? newId();
    const receipt = answer(u, principal, x, 120, existing ? '变更已入库 / change accepted' : '已入库 / accepted', batch.now);
    const head = x.head;
    const row = {
      id,
      kind: def.kind,
      message_type: def.messageType,
      guid: h.guid,
      business_key: key,
      sender_id: principal.enterpriseId!,
      ebp_code: typeof head.ebpCode === 'string' ? head.ebpCode : null,
      order_no: typeof head.orderNo === 'string' ? head.orderNo : null,
      link_key: def.kind === 'waybill' || def.kind === 'export_waybill' ? key : null,
      app_type: h.appType,
      status: 120,
      body: deps.sealer.seal(JSON.stringify(body)),
      received_at: batch.now.toISOString(),
    };
    if (existing) u.updateDoc({ row, receipt });
    else u.insertDoc({ row, receipt });
    u.keepBody(id, body);
    const declId = await slots.attach(id, body);
    if (declId) touched.add(declId);
    return remember(receipt);
  }

  /** Customs releases or rejects a list held for manual review (300) or inspection (500). */
  async function decide(principal: Principal, copNo: string, decision: 'release' | 'reject', reason: string) {
    const now = deps.clock.now();
    return deps.hot.transaction(async ({ sql, trx }) => {
      if (sql.dialect === 'postgres') await sql.run('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
      const batch: Batch = { trx, now, lookups: createLookups(deps) };
      const outcome = await actions.decide(batch, copNo, decision, reason);
      if (outcome.ok) await deps.audit.append(trx, { actor: actorOf(principal), action: `clearance.inventory.${decision}`, subject: `inventory:${copNo}`, after: { status: outcome.status, reason } });
      return outcome;
    });
  }

  /** Rejects import and export lists whose documents did not all arrive within the window. */
  async function expireWaiting(now: Date): Promise<number> {
    const imported = await evaluator.expireWaiting(now);
    const exported = await deps.hot.transaction(async ({ sql, trx }) => {
      if (sql.dialect === 'postgres') await sql.run('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
      const u = createUnit(sql, deps);
      const batch: Batch = { trx, now, lookups: createLookups(deps), sql, ex: createExportStore(sql) };
      const n = await exportFlow.expire(u, batch, sql);
      await u.flush();
      await batch.ex!.flush();
      if (n > 0) await deps.audit.append(trx, { actor: 'system', action: 'clearance.expire_export', subject: 'clearance', after: { rejected: n } });
      return n;
    });
    return imported + exported;
  }

  /**
   * A booking order (订仓单) filed after the 9810 lists that name it: those still waiting are evaluated
   * again, so they conclude (or are rejected, named) now rather than expire. Returns how many there were.
   */
  async function bookingFiled(ownerCode: string, bookingNo: string): Promise<number> {
    const now = deps.clock.now();
    return deps.hot.transaction(async ({ sql, trx }) => {
      if (sql.dialect === 'postgres') await sql.run('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
      const rows = await sql.all<{ id: string; ebp_code: string; order_no: string }>("select id, ebp_code, order_no from clearance_export where trade_mode = '9810' and ebc_code = ? and order_no = ? and status = 120 and list_id is not null and cancelled_at is null", [ownerCode, bookingNo]);
      if (rows.length === 0) return 0;
      const u = createUnit(sql, deps);
      const batch: Batch = { trx, now, lookups: createLookups(deps), sql, ex: createExportStore(sql) };
      await batch.ex!.preload(rows.map((r): [string, string] => [r.ebp_code, r.order_no]), []);
      await exportFlow.evaluateAll(u, batch, rows.map((r) => r.id));
      await u.flush();
      await batch.ex!.flush();
      return rows.length;
    });
  }

  return { submit, decide, expireWaiting, bookingFiled };
}

export type Ingest = ReturnType<typeof createIngest>;
