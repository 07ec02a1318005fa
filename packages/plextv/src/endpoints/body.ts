/**
 * Answers: how a parsed body becomes a model (one object, or a list of them), the `DecodeError` when it is not
 * of that shape, and the public `parseX(text)` twin of every decoder — written once here, not per endpoint.
 */
import { DecodeError } from '../errors.js';
import type { DecodeContext } from '../models/read.js';
import type { PlexResponse } from '../transport.js';
import { objectOf, type ParsedBody, parseBody } from '../wire/body.js';
import { type ListShape, listOf } from '../wire/list.js';
import type { Wire } from '../wire/wire.js';

/** A decoder of whole bodies. `read` answers undefined when the body is not of its shape. */
export interface BodyDecoder<T, Ctx = object> {
  /** The body's name in errors and `DecodeError.field` (`user`, `devices`). */
  readonly field: string;
  /** What was expected, for the error when the shape is wrong (`an account object`, `a list of devices`). */
  readonly expected: string;
  readonly read: (body: ParsedBody, ctx: DecodeContext & Ctx) => T | undefined;
}

/** A body that is one object (`root` names it), decoded by `decode`. */
export function objectBody<T, Ctx = object>(
  field: string,
  decode: (w: Wire, ctx: DecodeContext & Ctx) => T,
  expected = `a ${field} object`,
): BodyDecoder<T, Ctx> {
  return {
    field,
    expected,
    read: (body, ctx) => {
      const w = objectOf(body, field);
      return w === undefined ? undefined : decode(w, ctx);
    },
  };
}

/** A body that is a list (a JSON array, an XML container, a `MediaContainer`), each item decoded by `decode`. */
export function listBody<T, Ctx = object>(
  field: string,
  shape: ListShape,
  decode: (w: Wire, ctx: DecodeContext & Ctx) => T,
  expected = `a list of ${field}`,
): BodyDecoder<T[], Ctx> {
  return {
    field,
    expected,
    read: (body, ctx) => listOf(body, field, shape)?.map((w) => decode(w, ctx)),
  };
}

/** The decoded answer, or a `DecodeError` naming the call and what was expected. */
export function decodeAnswer<T, Ctx>(
  response: PlexResponse,
  decoder: BodyDecoder<T, Ctx>,
  ctx: DecodeContext & Ctx,
): T {
  const value = decoder.read(response.body, ctx);
  if (value === undefined) {
    throw new DecodeError(
      `${ctx.method ?? 'GET'} ${ctx.path}: expected ${decoder.expected}, got ${response.body.format}`,
      { method: ctx.method, path: ctx.path, status: response.status, field: decoder.field },
    );
  }
  return value;
}

/** Options of every `parseX(text)` function. */
export interface ParseOptions {
  /** The answer's Content-Type; the format is sniffed from the text when absent or wrong. */
  contentType?: string;
}

/**
 * The public twin of a decoder: decode a body you already have (captures, caches, webhooks). Unreadable text or
 * the wrong shape is a `DecodeError`.
 */
export function parser<T, Ctx = object>(
  decoder: BodyDecoder<T, Ctx>,
  name = decoder.field,
): (text: string, options?: ParseOptions & Ctx) => Promise<T> {
  return async (text, options) => {
    const { contentType, ...ctx } = (options ?? {}) as ParseOptions & Ctx;
    let body: ParsedBody;
    try {
      body = await parseBody(contentType ?? null, text);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new DecodeError(`unreadable ${name} body (${reason})`, { cause, field: decoder.field });
    }
    const value = decoder.read(body, ctx as DecodeContext & Ctx);
    if (value === undefined) throw new DecodeError(`expected ${decoder.expected}`, { field: decoder.field });
    return value;
  };
}
