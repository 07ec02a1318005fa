/**
 * A tiny XML writer shaped after plex.tv's own output: attributes in insertion order, two-space
 * indentation, `<x/>` for leaf elements and `<x></x>` for empty lists (plex.tv writes
 * `<pastSubscriptions></pastSubscriptions>` but `<internalPaymentMethod/>`).
 */

export type XmlAttrValue = string | number | boolean | null | undefined;

export interface XmlElement {
  name: string;
  /** Attribute pairs, in output order. */
  attrs?: Array<[string, XmlAttrValue]>;
  /** undefined: self-closing leaf. []: a list element written as `<x></x>`. */
  children?: XmlElement[];
  /** Text content (written inline, e.g. `<pong>true</pong>`). */
  text?: string;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

export function escapeXml(value: string): string {
  return value.replace(/[&<>"'\n\r\t]/g, (ch) => ESCAPES[ch] ?? ch);
}

/** plex.tv's XML value rules: booleans are "0"/"1", "no value" (null/undefined) is "". */
export function xmlValue(value: XmlAttrValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

function renderElement(el: XmlElement, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const attrs = (el.attrs ?? []).map(([k, v]) => ` ${k}="${escapeXml(xmlValue(v))}"`).join('');
  if (el.text !== undefined) {
    out.push(`${indent}<${el.name}${attrs}>${escapeXml(el.text)}</${el.name}>`);
  } else if (el.children === undefined) {
    out.push(`${indent}<${el.name}${attrs}/>`);
  } else if (el.children.length === 0) {
    out.push(`${indent}<${el.name}${attrs}></${el.name}>`);
  } else {
    out.push(`${indent}<${el.name}${attrs}>`);
    for (const child of el.children) renderElement(child, depth + 1, out);
    out.push(`${indent}</${el.name}>`);
  }
}

/** A whole document: declaration, newline, root element, trailing newline. */
export function renderXmlDocument(root: XmlElement): string {
  const out: string[] = [XML_DECLARATION];
  renderElement(root, 0, out);
  return `${out.join('\n')}\n`;
}
