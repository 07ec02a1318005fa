/**
 * Rendering errors: plex.tv's v2 error envelope. XML: `<errors><error code message status/></errors>` (StreamMusic
 * capture); JSON: `{"errors":[{"code","message","status"}]}` (spec + issue threads).
 */

import { ERRORS, type PlexErrorBody } from '../state/errors.js';
import { renderXmlDocument } from './xml.js';

/**
 * What plex.tv answers on the friends and invitation endpoints it removed (`/api/friends/{id}`,
 * `/api/invites/requests`, `/api/invites/requested`), quoted in python-plexapi #1412, #1435 and
 * #1536: a v1 `<Response>`, XML whatever was asked.
 */
export const GONE_MESSAGE = 'This endpoint was deprecated and removed';

export function goneXml(): string {
  return renderXmlDocument({
    name: 'Response',
    attrs: [
      ['code', 410],
      ['status', GONE_MESSAGE],
    ],
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The default body for an injected fault of this status (fault specs may override code/message). */
export function defaultErrorFor(status: number): PlexErrorBody {
  for (const e of Object.values(ERRORS)) {
    if (
      e.status === status &&
      e !== ERRORS.verificationCodeRequired &&
      e !== ERRORS.pinNotFound &&
      e !== ERRORS.notAvailable &&
      e !== ERRORS.deviceNotFound
    )
      return { ...e };
  }
  // No plex.tv code is known for other statuses: 1000 ("generic") plus the HTTP reason phrase.
  return { code: 1000, message: STATUS_TEXT[status] ?? `HTTP ${status}`, status };
}

export function errorJson(body: PlexErrorBody): string {
  return JSON.stringify({ errors: [{ code: body.code, message: body.message, status: body.status }] });
}

export function errorXml(body: PlexErrorBody): string {
  return renderXmlDocument({
    name: 'errors',
    children: [
      {
        name: 'error',
        attrs: [
          ['code', body.code],
          ['message', body.message],
          ['status', body.status],
        ],
      },
    ],
  });
}
