/** The error classes as data: `toJSON` (what `JSON.stringify(error)` and the CLI's `--json` show). */
import { describe, expect, test } from 'vitest';
import {
  DecodeError,
  EndpointRemovedError,
  GraphQLError,
  PlexTvError,
  RateLimitedError,
  RedirectRefusedError,
  ResponseTooLargeError,
  UnauthorizedError,
} from '../src/errors.js';

const context = { status: 429, code: 1234, method: 'GET', path: '/api/v2/user' };

describe('toJSON', () => {
  test('the common fields first, in order, then the ones the class adds', () => {
    const error = new RateLimitedError('slow down', { ...context, retryAfterMs: 1500 });
    expect(Object.keys(error.toJSON())).toStrictEqual([
      'name',
      'message',
      'status',
      'code',
      'method',
      'path',
      'retryAfterMs',
    ]);
    expect(error.toJSON()).toStrictEqual({
      name: 'RateLimitedError',
      message: 'slow down',
      ...context,
      retryAfterMs: 1500,
    });
  });

  test.each([
    [new DecodeError('x', { field: 'user.id' }), { field: 'user.id' }],
    [new EndpointRemovedError('x', { replacement: 'shareServer' }), { replacement: 'shareServer' }],
    [
      new RedirectRefusedError('x', { location: 'https://evil.example' }),
      { location: 'https://evil.example' },
    ],
    [new ResponseTooLargeError('x', { limit: 10, unit: 'bytes' }), { limit: 10, unit: 'bytes' }],
    [new GraphQLError('x', { messages: ['private'] }), { messages: ['private'] }],
  ])('%s carries its own fields', (error, own) => {
    expect(error.toJSON()).toMatchObject({ name: error.name, ...own });
  });

  test('no cause, no stack: a cause may quote what was sent', () => {
    const error = new UnauthorizedError('refused', { ...context, cause: new Error('X-Plex-Token: secret') });
    const json = JSON.stringify(error);
    expect(json).not.toContain('secret');
    expect(json).not.toContain('stack');
    expect(JSON.parse(json)).toStrictEqual({ name: 'UnauthorizedError', message: 'refused', ...context });
  });

  test('a plain PlexTvError has the common fields only', () => {
    expect(new PlexTvError('x').toJSON()).toStrictEqual({
      name: 'PlexTvError',
      message: 'x',
      status: undefined,
      code: undefined,
      method: undefined,
      path: undefined,
    });
  });
});
