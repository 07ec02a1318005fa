/**
 * XML → our `XmlElement` tree, through @rgrove/parse-xml (small, standards-conformant, never expands
 * entities declared in a DOCTYPE). Imported lazily: apps that only ever receive JSON never load it.
 */
import type { Wire, XmlElement } from './wire.js';
import { XmlWire } from './xml-wire.js';

type ParseXml = typeof import('@rgrove/parse-xml').parseXml;
type RgroveElement = import('@rgrove/parse-xml').XmlElement;

let parser: Promise<ParseXml> | undefined;

function loadParser(): Promise<ParseXml> {
  // Bundlers that split the dynamic import of this CommonJS package may hand back only a default export.
  parser ??= import('@rgrove/parse-xml').then(
    (m) => m.parseXml ?? (m as unknown as { default: { parseXml: ParseXml } }).default.parseXml,
  );
  return parser;
}

/** An element of a parsed document as a `Wire` (`path` names it in error messages). */
export const xmlWire = (element: XmlElement, path: string): Wire => new XmlWire(element, path);

/** Parse an XML document. Throws a plain Error with the parser's reason when the text is not well-formed. */
export async function parseXmlDocument(text: string): Promise<XmlElement> {
  // Test literals and some proxies put whitespace before the XML declaration; plex.tv never sends a DOCTYPE,
  // and refusing one outright closes the door on entity tricks.
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/<!DOCTYPE/i.test(trimmed)) throw new Error('XML with a DOCTYPE is not accepted');
  // plex.tv documents are a few levels deep; refusing absurd nesting keeps the parser off the stack's edge.
  if (nestingDepth(trimmed, MAX_DEPTH) > MAX_DEPTH)
    throw new Error(`XML nested deeper than ${MAX_DEPTH} levels`);
  const parseXml = await loadParser();
  let doc: ReturnType<ParseXml>;
  try {
    doc = parseXml(trimmed);
  } catch (error) {
    // The parser's message ends with an excerpt of the body, which may hold a token: keep the first line only.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`invalid XML: ${reason}`);
  }
  const root = doc.root;
  if (!root) throw new Error('XML document has no root element');
  return convert(root);
}

const MAX_DEPTH = 200;

/** How deep elements nest, stopping early past `limit` (a scan, not a parse: quotes are respected). */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let dq = 0;
  let sq = 0;
  for (let i = text.indexOf('<'); i !== -1 && i < text.length; i = text.indexOf('<', i + 1)) {
    const next = text[i + 1];
    if (next === '/') {
      depth--;
      continue;
    }
    if (next === '?' || next === '!') continue;
    // An opening tag: find its end, skipping quoted attribute values; `/>` closes it at once.
    let j = i + 1;
    for (;;) {
      const gt = text.indexOf('>', j);
      if (gt === -1) {
        j = text.length;
        break;
      }
      // The next quote of either kind (positions only move forward: each is searched again once passed).
      if (dq !== -1 && dq < j) dq = text.indexOf('"', j);
      if (sq !== -1 && sq < j) sq = text.indexOf("'", j);
      const q = dq === -1 ? sq : sq === -1 ? dq : Math.min(dq, sq);
      if (q === -1 || q > gt) {
        j = gt;
        break;
      }
      const close = text.indexOf(text[q]!, q + 1);
      if (close === -1) {
        j = text.length;
        break;
      }
      j = close + 1;
    }
    if (text[j - 1] !== '/') {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    }
    i = j;
  }
  return max;
}

function convert(element: RgroveElement): XmlElement {
  const children: XmlElement[] = [];
  let text = '';
  for (const node of element.children) {
    if (node.type === 'element') children.push(convert(node as RgroveElement));
    // Only this element's own text: `element.text` would walk the whole subtree for every element.
    else if (node.type === 'text' || node.type === 'cdata')
      text += (node as unknown as { text: string }).text;
  }
  // Null-prototype: a plain assignment creates an own property for every name, `__proto__` included.
  const attrs: Record<string, string> = Object.create(null);
  const source = element.attributes;
  const names = Object.keys(source);
  for (let i = 0; i < names.length; i++) attrs[names[i]!] = source[names[i]!]!;
  return { name: element.name, attrs, children, text: text.trim() };
}
