/**
 * Plex Home: every real capture decodes, values checked, including the awkward ones (managed users with
 * null/"" e-mail).
 */
import { DecodeError, parseHome, parseHomeUsers } from 'plextv';
import { describe, expect, test } from 'vitest';
import { capture } from './captures.js';

describe('Plex Home', () => {
  test('PlexKit home_users.json: header and the one member', async () => {
    const text = capture('PlexKit/home_users.json');
    expect(await parseHome(text)).toEqual({
      id: 1,
      name: 'my home',
      guestUserID: 1000,
      guestUserUUID: 'guestUserUUID',
      guestEnabled: false,
      subscription: true,
      extra: {},
    });
    expect(await parseHomeUsers(text)).toEqual([
      {
        id: 1234,
        uuid: 'uuid',
        title: 'title',
        username: 'username',
        email: 'email',
        thumb: 'thumb',
        hasPassword: true,
        restricted: false,
        restrictionProfile: undefined,
        admin: true,
        guest: false,
        protected: true,
        extra: {},
      },
    ]);
  });

  test('node-plex-api-credentials managed_users.xml: the managed user has "" username and e-mail', async () => {
    const users = await parseHomeUsers(capture('node-plex-api-credentials/managed_users.xml'));
    // totalSize="6" size="6" with two <User>: the children are the truth.
    expect(users).toHaveLength(2);
    expect(users[0]).toMatchObject({
      id: 1234,
      uuid: '80053d6ea6f7b758',
      admin: true,
      guest: false,
      restricted: false,
      protected: true,
      title: 'phillipj',
      username: 'phillipj',
      email: 'phony-email@gmail.com',
    });
    const managed = users[1]!;
    expect(managed).toMatchObject({
      id: 4321,
      uuid: 'bab38cb8852916f',
      title: 'OnlyPhotos',
      restricted: true,
    });
    expect(managed.username).toBeUndefined();
    expect(managed.email).toBeUndefined();
    expect(managed.extra).toEqual({});
  });

  test('the v1 container is not a home header (it has no id)', async () => {
    await expect(parseHome(capture('node-plex-api-credentials/managed_users.xml'))).rejects.toBeInstanceOf(
      DecodeError,
    );
  });
});

describe('v1 XML ≡ v2 JSON for the same home users', () => {
  test('home users: the v1 managed_users.xml members, written as v2 JSON, decode the same', async () => {
    const v1 = await parseHomeUsers(capture('node-plex-api-credentials/managed_users.xml'));
    const v2 = await parseHomeUsers(
      JSON.stringify({
        id: 1,
        name: 'home',
        users: [
          {
            id: 1234,
            uuid: '80053d6ea6f7b758',
            title: 'phillipj',
            username: 'phillipj',
            email: 'phony-email@gmail.com',
            thumb: 'https://plex.tv/users/80053d6ea67b758/avatar',
            restricted: false,
            admin: true,
            guest: false,
            protected: true,
          },
          {
            id: 4321,
            uuid: 'bab38cb8852916f',
            title: 'OnlyPhotos',
            username: null,
            email: null,
            thumb: 'https://plex.tv/users/bab38cb85852916f/avatar',
            restricted: true,
            restrictionProfile: null,
            admin: false,
            guest: false,
            protected: false,
          },
        ],
      }),
    );
    expect(v2).toEqual(v1);
  });
});
