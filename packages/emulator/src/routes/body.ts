/**
 * Request bodies: plex.tv clients send forms (`application/x-www-form-urlencoded`), JSON, or the
 * fields in the query string. Every endpoint reads the same way.
 */

import type { Context } from 'hono';
import { badRequest } from '../state/errors.js';

export interface RequestBody {
  /** Query parameters, overlaid by form fields or JSON scalars (stringified). */
  fields: Record<string, string>;
  /** The parsed JSON body, when the body is JSON; undefined otherwise. */
  json: unknown;
  /** True when the body claims (or looks) to be JSON but does not parse. */
  invalidJson: boolean;
}

export async function readBody(c: Context): Promise<RequestBody> {
  const fields: Record<string, string> = {};
  for (const [k, v] of new URL(c.req.url).searchParams) fields[k] = v;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const text = await c.req.text();
  if (text.trim() === '') return { fields, json: undefined, invalidJson: false };
  if (type.includes('application/json') || (!type.includes('form') && /^\s*[{[]/.test(text))) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { fields, json: undefined, invalidJson: true };
    }
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      for (const [k, v] of Object.entries(json)) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = String(v);
      }
    }
    return { fields, json, invalidJson: false };
  }
  // application/x-www-form-urlencoded (also the fallback for a missing content type).
  for (const [k, v] of new URLSearchParams(text)) fields[k] = v;
  return { fields, json: undefined, invalidJson: false };
}

export function truthy(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** "0"/"1"/"true"/"false" (any case), or a 400 naming the parameter. */
export function flagValue(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw badRequest(`${name} must be 0, 1, true or false`);
}
