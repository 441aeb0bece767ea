/**
 * The JSON form of CEB messages (DESIGN.md §6) and the codec's error and result shapes. Expected failures
 * (bad XML, schema violations, wrong JSON) are values, never exceptions: callers turn them into a CEB900.
 */
import type { MessageType } from './catalogue.generated.js';

/** A value in the JSON tree: a leaf's text, a complex element, or the occurrences of a repeatable element. */
export type CebValue = string | CebNode | CebNode[];

/** A complex element: its children by XSD element name. */
export interface CebNode {
  [element: string]: CebValue | undefined;
}

/**
 * One CEB message as JSON: the root's name without `Message` as `messageType`, the root attributes, then the
 * root's children by XSD name. `ds:Signature` is never in the tree (see ParsedMessage.signature).
 */
export interface CebMessage {
  messageType: MessageType;
  guid: string;
  version: string;
  [element: string]: CebValue | undefined;
}

/** Stable codes of the codec's errors (contract: add, never rename). */
export type CebErrorCode =
  | 'ceb.too_large'
  | 'ceb.dtd_forbidden'
  | 'ceb.not_well_formed'
  | 'ceb.unknown_message'
  | 'ceb.schema'
  | 'ceb.json_structure';

/**
 * One problem found in a message. `element` is the XSD element name at fault (`acturalPaid`); `path` is the
 * JSON path (`Order[0].OrderHead.acturalPaid`) when the codec can tell it; `line` is the line in the XML.
 */
export interface CebError {
  code: CebErrorCode;
  message: string;
  line?: number;
  element?: string;
  path?: string;
}

export type Failure = { ok: false; errors: CebError[] };

/** A parsed message; `signature` is the `ds:Signature` element as text when the message carried one. */
export interface ParsedMessage {
  ok: true;
  message: CebMessage;
  signature?: string;
}

export type ParseResult = ParsedMessage | Failure;
export type ValidateResult = { ok: true; messageType: MessageType } | Failure;
export type XmlResult = { ok: true; xml: string } | Failure;
