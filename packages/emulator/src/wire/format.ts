/**
 * Content negotiation: plex.tv answers XML unless the client's Accept mentions application/json.
 */

import type { PlexErrorBody } from '../state/errors.js';
import { errorJson, errorXml } from './errors.js';
import { renderXmlDocument, type XmlElement } from './xml.js';

export type WireFormat = 'json' | 'xml';

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function negotiate(request: Request): WireFormat {
  return (request.headers.get('accept') ?? '').toLowerCase().includes('application/json') ? 'json' : 'xml';
}

/** A document response: the same data rendered in whichever format the client asked for. */
export function documentResponse(
  format: WireFormat,
  status: number,
  doc: { json: () => unknown; xml: () => XmlElement },
  headers: Record<string, string> = {},
): Response {
  return format === 'json'
    ? new Response(JSON.stringify(doc.json()), {
        status,
        headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
      })
    : new Response(renderXmlDocument(doc.xml()), {
        status,
        headers: { 'Content-Type': XML_CONTENT_TYPE, ...headers },
      });
}

export function errorResponse(
  format: WireFormat,
  body: PlexErrorBody,
  headers: Record<string, string> = {},
): Response {
  return new Response(format === 'json' ? errorJson(body) : errorXml(body), {
    status: body.status,
    headers: { 'Content-Type': format === 'json' ? JSON_CONTENT_TYPE : XML_CONTENT_TYPE, ...headers },
  });
}
