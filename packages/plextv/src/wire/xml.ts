/**
 * XML → our `XmlElement` tree, through @rgrove/parse-xml (small, standards-conformant, never expands
 * entities declared in a DOCTYPE). Imported lazily: apps that only ever receive JSON never load it.
 */
import type { XmlElement } from './wire.js';

type ParseXml = typeof import('@rgrove/parse-xml').parseXml;
type RgroveElement = import('@rgrove/parse-xml').XmlElement;

let parser: Promise<ParseXml> | undefined;

function loadParser(): Promise<ParseXml> {
  parser ??= import('@rgrove/parse-xml').then((m) => m.parseXml);
  return parser;
}

/** Parse an XML document. Throws a plain Error with the parser's reason when the text is not well-formed. */
export async function parseXmlDocument(text: string): Promise<XmlElement> {
  // Test literals and some proxies put whitespace before the XML declaration; plex.tv never sends a DOCTYPE,
  // and refusing one outright closes the door on entity tricks.
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/<!DOCTYPE/i.test(trimmed)) throw new Error('XML with a DOCTYPE is not accepted');
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

function convert(element: RgroveElement): XmlElement {
  const children: XmlElement[] = [];
  for (const node of element.children) {
    if (node.type === 'element') children.push(convert(node as RgroveElement));
  }
  const attrs: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(element.attributes)) {
    Object.defineProperty(attrs, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return { name: element.name, attrs, children, text: element.text.trim() };
}
