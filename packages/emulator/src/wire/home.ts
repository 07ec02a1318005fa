/**
 * Plex Home documents:
 * - `GET /api/v2/home`: `{id, name, guestUserID, guestUserUUID, guestEnabled, subscription}` (spec).
 * - `GET /api/v2/home/users`: the same plus `users[]` (PlexKit home_users.json; managed users have
 *   `username: null`, `email: null`).
 * - `GET /api/home/users` (v1 XML): `<MediaContainer friendlyName="myPlex"
 *   identifier="com.plexapp.plugins.myplex" machineIdentifier totalSize size guestUserID>` with
 *   `<User id uuid admin guest restricted protected title username email thumb/>`
 *   (node-plex-api-credentials managed_users.xml; managed users `username="" email=""`).
 */

import { publicIdentity } from '../state/accounts.js';
import type { HomeView } from '../state/home.js';
import type { Account, Home } from '../state/model.js';
import { pinDigest } from './account.js';
import { jsonToXml } from './v2xml.js';
import type { XmlAttrValue, XmlElement } from './xml.js';

export const MYPLEX_IDENTIFIER = 'com.plexapp.plugins.myplex';

/**
 * The v1 `MediaContainer@machineIdentifier` of an account's myPlex lists: 40 hex characters, stable
 * per account (the captures show an opaque hex string; unverified what it is derived from).
 */
export function myPlexMachineIdentifier(account: Account): string {
  return pinDigest(`myplex:${account.uuid}`);
}

/** The attributes every v1 myPlex `<MediaContainer>` opens with, then the container's own. */
export function myPlexAttrs(
  caller: Account,
  ...own: Array<[string, XmlAttrValue]>
): Array<[string, XmlAttrValue]> {
  return [
    ['friendlyName', 'myPlex'],
    ['identifier', MYPLEX_IDENTIFIER],
    ['machineIdentifier', myPlexMachineIdentifier(caller)],
    ...own,
  ];
}

export function homeJson(view: HomeView): Record<string, unknown> {
  return {
    id: view.home.id,
    name: view.home.name,
    guestUserID: view.guest?.id ?? null,
    guestUserUUID: view.guest?.uuid ?? null,
    guestEnabled: view.guest !== null,
    subscription: view.subscription,
  };
}

export function homeUserJson(home: Home, a: Account): Record<string, unknown> {
  return {
    ...publicIdentity(a),
    thumb: a.thumb,
    hasPassword: a.password !== null,
    restricted: a.restricted,
    restrictionProfile: a.restrictionProfile,
    admin: home.adminId === a.id,
    guest: a.guest,
    protected: a.homePin !== null,
  };
}

export function homeUsersJson(view: HomeView): Record<string, unknown> {
  return { ...homeJson(view), users: view.members.map((m) => homeUserJson(view.home, m)) };
}

export function homeXml(view: HomeView): XmlElement {
  return jsonToXml('home', homeJson(view));
}

export function homeUsersXml(view: HomeView): XmlElement {
  return jsonToXml('home', homeUsersJson(view));
}

/** A v1 `<User/>` (managed users have "" for username and e-mail). */
export function homeUserV1Element(home: Home, a: Account): XmlElement {
  return {
    name: 'User',
    attrs: [
      ['id', a.id],
      ['uuid', a.uuid],
      ['admin', home.adminId === a.id],
      ['guest', a.guest],
      ['restricted', a.restricted],
      ['protected', a.homePin !== null],
      ['title', a.title],
      ['username', a.username],
      ['email', a.email],
      ['thumb', a.thumb],
    ],
  };
}

export function homeUsersV1Xml(view: HomeView, caller: Account): XmlElement {
  return {
    name: 'MediaContainer',
    attrs: myPlexAttrs(
      caller,
      ['totalSize', view.members.length],
      ['size', view.members.length],
      ['guestUserID', view.guest?.id ?? null],
    ),
    children: view.members.map((m) => homeUserV1Element(view.home, m)),
  };
}
