/** Lookups over the generated catalogue: by message type, by XML root name, and the children of a node. */
import { catalogueData, messageTypeList, receiptTypeList, type MessageType, type ReceiptType } from './catalogue.generated.js';
import type { ElementDef, MessageDef } from './catalogue.types.js';

export const CEB_NS = 'http://www.chinaport.gov.cn/ceb';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';

const byRoot = new Map<string, MessageDef>(Object.values(catalogueData).map((m) => [m.root, m]));
const childIndex = new WeakMap<readonly ElementDef[], Map<string, ElementDef>>();

export const isMessageType = (t: unknown): t is MessageType =>
  typeof t === 'string' && Object.prototype.hasOwnProperty.call(catalogueData, t);

export const messageDef = (type: MessageType): MessageDef => catalogueData[type];

/** The message whose XML root has this local name (`CEB311Message`), if the catalogue knows it. */
export const messageByRoot = (root: string): MessageDef | undefined => byRoot.get(root);

/** A sequence's children by name, built once per sequence. */
export function childrenByName(children: readonly ElementDef[]): ReadonlyMap<string, ElementDef> {
  let index = childIndex.get(children);
  if (!index) {
    index = new Map(children.map((c) => [c.name, c]));
    childIndex.set(children, index);
  }
  return index;
}

/** The child named `name` in a sequence. */
export const childDef = (children: readonly ElementDef[], name: string): ElementDef | undefined => childrenByName(children).get(name);

export { catalogueData, messageTypeList, receiptTypeList, type MessageType, type ReceiptType };
