/**
 * The shape of the CEB message catalogue (catalogue.generated.ts): what the official 202205 XSDs say about
 * each message, in the order the schema demands. The codec maps JSON to XML and back from this alone.
 */

/** Facets of a leaf element's simple type, exactly as the XSD restricts them. */
export interface LeafType {
  readonly base: 'string' | 'decimal' | 'int';
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly pattern?: string;
  readonly whiteSpace?: 'preserve' | 'replace' | 'collapse';
}

/** One element of a sequence. `max` is `Infinity` for `unbounded`; `max > 1` makes it an array in JSON. */
export interface ElementDef {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** The XSD's own description (Chinese), for messages and screens. */
  readonly doc?: string;
  /** Present on leaves: the value is text. */
  readonly leaf?: LeafType;
  /** Present on complex elements: the ordered child sequence. */
  readonly children?: readonly ElementDef[];
  /** `xs:any processContents="skip"` content (ExtendMessage/Message): carried as raw XML text. */
  readonly any?: true;
  /** The XML-DSig `ds:Signature` element: kept out of the JSON tree. */
  readonly signature?: true;
}

/** Which official schema file defines the message (import and export reuse element names with other content). */
export type SchemaName = 'import' | 'export';

export interface MessageDef {
  /** `CEB311`: the JSON form's `messageType`. */
  readonly type: string;
  /** `CEB311Message`: the XML root element's local name. */
  readonly root: string;
  readonly schema: SchemaName;
  readonly doc: string;
  /** The root's ordered children, `ds:Signature` included where the XSD places it. */
  readonly children: readonly ElementDef[];
  /** What the official XSD says about `ds:Signature` on this message. */
  readonly signature: 'none' | 'optional' | 'required';
}
