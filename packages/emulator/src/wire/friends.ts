/**
 * Friends and shares, as each side sees them:
 * - v2 friend (`GET /api/v2/friends`, plex-api.rs friends_*.json): `status, sharingSettings,
 *   sharedServers[], sharedSources[], id, uuid, title, username, restricted, email, friendlyName,
 *   thumb, home` + `restrictionProfile` for Home members only.
 * - invitation answers (invite_create.json, accept.json).
 * - shared server, in a friend (`sharedServers[]`) and as `POST /api/v2/shared_servers` answers it
 *   (shared_server_create.json, with `invited{…}`), with each capture's own key order.
 * - v1 `GET /api/users` (Home Assistant plextv_shared_users.xml): `<User …>` with `<Server …/>`.
 */

import {
  type FriendView,
  type Person,
  personOf,
  sameHome,
  settingsFor,
  shareAcceptedAt,
} from '../state/friends.js';
import type { Account, EmulatorState, SharingSettings } from '../state/model.js';
import { type ShareRef, sharedSections, sharesFromTo } from '../state/sharing.js';
import { isoDate } from './account.js';
import { myPlexAttrs } from './home.js';
import type { XmlAttrValue, XmlElement } from './xml.js';

type SettingsKey = keyof SharingSettings;

/** The friends captures' key order. */
const FRIEND_SETTINGS_ORDER: readonly SettingsKey[] = [
  'allowChannels',
  'allowSubtitleAdmin',
  'filterMovies',
  'filterMusic',
  'filterPhotos',
  'filterTelevision',
  'filterAll',
  'allowSync',
  'allowCameraUpload',
  'allowTuners',
];

/** shared_server_create.json's key order: the same keys, allowSubtitleAdmin moved after allowCameraUpload. */
const CREATE_SETTINGS_ORDER: readonly SettingsKey[] = [
  ...FRIEND_SETTINGS_ORDER.filter((k) => k !== 'allowSubtitleAdmin' && k !== 'allowTuners'),
  'allowSubtitleAdmin',
  'allowTuners',
];

// The two answers differ only in key order, which clients that diff against the captures see.
function orderedSettings(s: SharingSettings, order: readonly SettingsKey[]): Record<string, unknown> {
  return Object.fromEntries(order.map((k) => [k, s[k]]));
}

/** `sharingSettings` in the friends captures' key order. */
export function settingsJson(s: SharingSettings): Record<string, unknown> {
  return orderedSettings(s, FRIEND_SETTINGS_ORDER);
}

/** `sharingSettings` in shared_server_create.json's key order. */
export function createSettingsJson(s: SharingSettings): Record<string, unknown> {
  return orderedSettings(s, CREATE_SETTINGS_ORDER);
}

function librariesJson(ref: ShareRef): Array<Record<string, unknown>> {
  return sharedSections(ref.device, ref.share).map((s) => ({
    id: s.id,
    key: s.key,
    title: s.title,
    type: s.type,
  }));
}

/** E-mail invitees are invited by address; accounts by id (`invitedEmail: null`). */
function invitedEmail(state: EmulatorState, ref: ShareRef): string | null {
  return state.invitees.get(ref.share.accountId)?.email ?? null;
}

/** Who a share invites and whether they accepted: the same fields, in the same order, in every share form. */
function invitation(state: EmulatorState, ref: ShareRef, acceptedAt: number | null): Record<string, unknown> {
  return {
    invitedId: ref.share.accountId,
    invitedEmail: invitedEmail(state, ref),
    serverId: ref.device.id,
    accepted: acceptedAt !== null,
    acceptedAt: acceptedAt === null ? null : isoDate(acceptedAt),
    deletedAt: null,
    leftAt: null,
  };
}

/** A `sharedServers[]` entry of a friend, seen by `callerId`. */
export function sharedServerJson(
  state: EmulatorState,
  ref: ShareRef,
  callerId: number,
): Record<string, unknown> {
  const { device, share } = ref;
  const acceptedAt = shareAcceptedAt(state, device.ownerId, share);
  const sections = sharedSections(device, share);
  return {
    id: share.id,
    name: device.name,
    ...invitation(state, ref, acceptedAt),
    machineIdentifier: device.clientIdentifier,
    lastSeenAt: isoDate(device.lastSeenAt),
    inviteToken: share.inviteToken,
    sharingSettings: settingsJson(share.settings),
    libraries: librariesJson(ref),
    ownerId: device.ownerId,
    owned: device.ownerId === callerId,
    numLibraries: sections.length,
    allLibraries: share.librarySectionIds === null,
  };
}

/** Shares between the caller and this person, both ways: the caller's servers first. */
export function sharesBetween(state: EmulatorState, callerId: number, personId: number): ShareRef[] {
  return [...sharesFromTo(state, callerId, personId), ...sharesFromTo(state, personId, callerId)];
}

export function friendJson(state: EmulatorState, caller: Account, view: FriendView): Record<string, unknown> {
  const p = view.person;
  return {
    status: view.status,
    sharingSettings: settingsJson(settingsFor(state, caller.id, p.id)),
    sharedServers: sharesBetween(state, caller.id, p.id).map((ref) =>
      sharedServerJson(state, ref, caller.id),
    ),
    sharedSources: [],
    id: p.id,
    uuid: p.uuid,
    title: p.title,
    username: p.username,
    restricted: p.restricted,
    // Someone who invited you shows no e-mail until you accept (friends_pending_received_one_external.json).
    email: view.status === 'pending_received' ? null : p.email,
    friendlyName: p.friendlyName,
    thumb: p.thumb,
    home: view.home,
    // Present for Home members only (friends_accepted_mixed.json).
    ...(view.home ? { restrictionProfile: p.account?.restrictionProfile ?? null } : {}),
  };
}

/** The fields an invite answer and an accept answer both open with, in their order. */
function personHead(person: Person): Record<string, unknown> {
  return {
    id: person.id,
    uuid: person.uuid,
    title: person.title,
    username: person.username,
    restricted: person.restricted,
    friendlyName: person.friendlyName,
    thumb: person.thumb,
  };
}

/** `POST /api/v2/friends/invite` (invite_create.json). */
export function inviteCreatedJson(person: Person, home: boolean): Record<string, unknown> {
  return {
    ...personHead(person),
    home,
    status: 'pending',
  };
}

/** `POST /api/v2/friends/{id}/accept` (accept.json): the new friend, with `friendshipCreatedAt`. */
export function acceptedJson(person: Person, home: boolean, since: number): Record<string, unknown> {
  return {
    ...personHead(person),
    friendshipCreatedAt: isoDate(since),
    email: person.email,
    home,
    status: 'accepted',
  };
}

/** `POST /api/v2/shared_servers` and its updates (shared_server_create.json). */
export function sharedServerCreateJson(state: EmulatorState, ref: ShareRef): Record<string, unknown> {
  const { device, share } = ref;
  const acceptedAt = shareAcceptedAt(state, device.ownerId, share);
  const sections = sharedSections(device, share);
  const p = personOf(state, share.accountId);
  const person = {
    id: share.accountId,
    uuid: p?.uuid ?? '',
    title: p?.title ?? '',
    username: p?.username ?? null,
    restricted: p?.restricted ?? false,
    friendlyName: p?.friendlyName ?? null,
    thumb: p?.thumb ?? '',
    email: p?.email ?? null,
    home: sameHome(state, device.ownerId, share.accountId),
    status: acceptedAt === null ? 'pending' : 'accepted',
    sharingSettings: createSettingsJson(settingsFor(state, device.ownerId, share.accountId)),
  };
  return {
    id: share.id,
    name: device.name,
    ownerId: device.ownerId,
    ...invitation(state, ref, acceptedAt),
    owned: true,
    inviteToken: share.inviteToken,
    machineIdentifier: device.clientIdentifier,
    lastSeenAt: isoDate(device.lastSeenAt),
    numLibraries: sections.length,
    invited: person,
    sharingSettings: createSettingsJson(share.settings),
    libraries: librariesJson(ref),
    allLibraries: share.librarySectionIds === null,
  };
}

// ---- v1 /api/users ---------------------------------------------------------------------------------

function v1ServerElement(state: EmulatorState, ref: ShareRef, callerId: number): XmlElement {
  const { device, share } = ref;
  return {
    name: 'Server',
    attrs: [
      ['id', share.id],
      // A string on the wire (a capture has "000001"); ours is the server's device id.
      ['serverId', String(device.id)],
      ['machineIdentifier', device.clientIdentifier],
      ['name', device.name],
      ['lastSeenAt', device.lastSeenAt],
      ['numLibraries', sharedSections(device, share).length],
      ['allLibraries', share.librarySectionIds === null],
      ['owned', device.ownerId === callerId],
      ['pending', shareAcceptedAt(state, device.ownerId, share) === null],
    ],
  };
}

function v1UserElement(state: EmulatorState, caller: Account, view: FriendView): XmlElement {
  const p = view.person;
  const s = settingsFor(state, caller.id, p.id);
  const attrs: Array<[string, XmlAttrValue]> = [
    ['id', p.id],
    ['title', p.title],
    // v1 writes "" where v2 JSON has null (managed users).
    ['username', p.username],
    ['email', p.email],
    ['recommendationsPlaylistId', ''],
    ['thumb', p.thumb],
    ['protected', (p.account?.homePin ?? null) !== null],
    ['home', view.home],
    ['allowTuners', s.allowTuners],
    ['allowSync', s.allowSync],
    ['allowCameraUpload', s.allowCameraUpload],
    ['allowChannels', s.allowChannels],
    ['allowSubtitleAdmin', s.allowSubtitleAdmin],
    ['filterAll', s.filterAll],
    ['filterMovies', s.filterMovies],
    ['filterMusic', s.filterMusic],
    ['filterPhotos', s.filterPhotos],
    ['filterTelevision', s.filterTelevision],
    ['restricted', p.restricted],
  ];
  const servers = sharesBetween(state, caller.id, p.id).map((ref) => v1ServerElement(state, ref, caller.id));
  // A user without shares is a leaf (`<User …/>`), as in plex-api.rs's legacy capture.
  return servers.length > 0 ? { name: 'User', attrs, children: servers } : { name: 'User', attrs };
}

export function usersV1Xml(state: EmulatorState, caller: Account, views: FriendView[]): XmlElement {
  return {
    name: 'MediaContainer',
    attrs: myPlexAttrs(caller, ['totalSize', views.length], ['size', views.length]),
    children: views.map((v) => v1UserElement(state, caller, v)),
  };
}
