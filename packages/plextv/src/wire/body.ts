/**
 * Response bodies: pick the format from Content-Type, sniff the body when the header is missing or lies, and
 * hand decoders a `Wire` (objects) or a list of them (bare JSON arrays, XML containers).
 */
import { JsonWire, type Wire, type XmlElement } from './wire.js';

export type BodyFormat = 'json' | 'xml' | 'text' | 'empty';

export interface ParsedBody {
  format: BodyFormat;
  /** JSON value (format json), or undefined. */
  json?: unknown;
  /** Root element (format xml). */
  xml?: XmlElement;
  /** Format xml: an element of this document as a `Wire` (it comes with the XML reader, loaded on demand). */
  xmlWire?: (element: XmlElement, path: string) => Wire;
  /** The raw text (format text). */
  text?: string;
}

/** Which format a body is in: Content-Type first, then the first meaningful character. */
export function detectFormat(contentType: string | null, text: string): BodyFormat {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === undefined) return 'empty';
  const type = (contentType ?? '').toLowerCase();
  // Content-Type is a hint, the body is the truth: proxies and error pages mislabel freely.
  if (type.includes('json') && (first === '{' || first === '[')) return 'json';
  if (type.includes('xml') && first === '<') return 'xml';
  if (first === '{' || first === '[') return 'json';
  if (first === '<') return 'xml';
  return 'text';
}

/** JSON.parse, with an error that never quotes the body (V8 quotes snippets, and bodies hold tokens). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    throw new Error(at ? `invalid JSON at position ${at[1]}` : 'invalid JSON');
  }
}

/** Parse a body. Throws a plain Error (the caller wraps it in a DecodeError with the request's context). */
export async function parseBody(contentType: string | null, text: string): Promise<ParsedBody> {
  const format = detectFormat(contentType, text);
  switch (format) {
    case 'json':
      return { format, json: parseJson(text) };
    case 'xml': {
      // The XML reader (and, from it, the parser) loads on the first XML answer: JSON-only apps never ship it.
      const { parseXmlDocument, xmlWire } = await import('./xml.js');
      return { format, xml: await parseXmlDocument(text), xmlWire };
    }
    case 'text':
      return { format, text: text.trim() };
    default:
      return { format };
  }
}

/** The body as one object (`root` names it in error paths), or undefined when it is not an object. */
export function objectOf(body: ParsedBody, root: string): Wire | undefined {
  if (body.format === 'xml' && body.xml && body.xmlWire) return body.xmlWire(body.xml, root);
  if (
    body.format === 'json' &&
    typeof body.json === 'object' &&
    body.json !== null &&
    !Array.isArray(body.json)
  ) {
    return new JsonWire(body.json as Record<string, unknown>, root);
  }
  return undefined;
}

/** plex.tv's error envelope, from any of its forms. */
export interface ErrorBody {
  code?: number | undefined;
  message?: string | undefined;
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Read an error body: v2 JSON `{"errors":[{code,message,status}]}`, v2 XML `<errors><error …/></errors>`,
 * v1 XML `<Response code status/>`, provider XML `<Error error message statusCode/>`, or `{"error": "…"}`.
 */
export function readErrorBody(body: ParsedBody): ErrorBody {
  if (body.format === 'json') {
    const j = body.json as Record<string, unknown> | null;
    if (j && typeof j === 'object') {
      const first = Array.isArray(j.errors)
        ? (j.errors[0] as Record<string, unknown> | undefined)
        : undefined;
      if (first && typeof first === 'object') return { code: num(first.code), message: str(first.message) };
      return { code: num(j.code), message: str(j.error) ?? str(j.message) };
    }
    return {};
  }
  if (body.format === 'xml' && body.xml) {
    const root = body.xml;
    const el = root.name === 'errors' ? root.children[0] : root;
    if (!el) return {};
    const a = el.attrs;
    // v1 <Response> puts the human text in `status` and the code in `code` (which may also be an HTTP status).
    const message =
      root.name === 'Response' ? str(a.status) : (str(a.message) ?? str(a.error) ?? str(el.text));
    return { code: num(a.code), message };
  }
  if (body.format === 'text') return { message: body.text?.slice(0, 200) };
  return {};
}
