/**
 * A server as plex.tv knows it for sharing:
 * - v2 `GET /api/v2/servers/{machineIdentifier}` (plex-api.rs servers/machine_id.json): `name,
 *   address, port, version, scheme, synced, owned, localAddresses (a string), machineIdentifier,
 *   createdAt, updatedAt (epoch ints), librarySections[{id, key, title, type}]`.
 * - v1 `GET /api/servers/{machineIdentifier}` (go-plex-client TestSectionIDResponse.xml):
 *   `<MediaContainer friendlyName identifier machineIdentifier size><Server name address port version
 *   scheme host localAddresses machineIdentifier createdAt updatedAt owned synced><Section id key type
 *   title/></Server></MediaContainer>`.
 */

import { personOf, shareAcceptedAt } from '../state/friends.js';
import type { Account, Device, EmulatorState, LibrarySection, Share } from '../state/model.js';
import { sharedSections } from '../state/sharing.js';
import { myPlexAttrs } from './home.js';
import type { XmlElement } from './xml.js';

export interface ServerView {
  device: Device;
  owned: boolean;
  /** What the caller may see: every section for the owner, the shared ones for an invitee. */
  sections: LibrarySection[];
}

/** The server's remote address and port: its public address, and its first remote http(s) port. */
function addressOf(device: Device): { address: string; port: number; scheme: string } {
  const remote = (device.connections ?? []).find((c) => !c.local && !c.relay && !c.IPv6);
  return {
    address: device.publicAddress,
    port: remote?.port ?? 32400,
    scheme: 'http',
  };
}

/** Local addresses, comma-separated (a capture has one address; plex.tv's separator is a guess). */
function localAddresses(device: Device): string {
  return [...new Set((device.connections ?? []).filter((c) => c.local).map((c) => c.address))].join(',');
}

export function serverJson(view: ServerView): Record<string, unknown> {
  const d = view.device;
  const { address, port, scheme } = addressOf(d);
  return {
    name: d.name,
    address,
    port,
    version: d.productVersion,
    scheme,
    synced: d.synced,
    owned: view.owned,
    localAddresses: localAddresses(d),
    machineIdentifier: d.clientIdentifier,
    createdAt: d.createdAt,
    updatedAt: d.lastSeenAt,
    librarySections: view.sections.map((s) => ({ id: s.id, key: s.key, title: s.title, type: s.type })),
  };
}

export function serverV1Xml(view: ServerView, caller: Account): XmlElement {
  const d = view.device;
  const { address, port, scheme } = addressOf(d);
  return {
    name: 'MediaContainer',
    attrs: myPlexAttrs(caller, ['size', 1]),
    children: [
      {
        name: 'Server',
        attrs: [
          ['name', d.name],
          ['address', address],
          ['port', port],
          ['version', d.productVersion],
          ['scheme', scheme],
          ['host', address],
          ['localAddresses', localAddresses(d)],
          ['machineIdentifier', d.clientIdentifier],
          ['createdAt', d.createdAt],
          ['updatedAt', d.lastSeenAt],
          ['owned', view.owned],
          ['synced', d.synced],
        ],
        children: view.sections.map(
          (s): XmlElement => ({
            name: 'Section',
            attrs: [
              ['id', s.id],
              ['key', s.key],
              ['type', s.type],
              ['title', s.title],
            ],
          }),
        ),
      },
    ],
  };
}

/**
 * v1 `GET /api/servers/{machineIdentifier}/shared_servers[/{id}]` (go-plex-client
 * TestInviteFriendResponse.xml): `<MediaContainer friendlyName identifier machineIdentifier size>`
 * with `<SharedServer id username email userID accessToken name acceptedAt invitedAt allowSync
 * allowCameraUpload allowChannels owned>` and a `<Section id key title type shared/>` per section of
 * the server (`shared` 0/1). python-plexapi reads a friend's `accessToken` and the sections here.
 */
export function sharedServersV1Xml(
  state: EmulatorState,
  caller: Account,
  device: Device,
  shares: Share[],
): XmlElement {
  return {
    name: 'MediaContainer',
    attrs: myPlexAttrs(caller, ['size', shares.length]),
    children: shares.map((share): XmlElement => {
      const person = personOf(state, share.accountId);
      const acceptedAt = shareAcceptedAt(state, device.ownerId, share);
      const shared = new Set(sharedSections(device, share).map((s) => s.id));
      return {
        name: 'SharedServer',
        attrs: [
          ['id', share.id],
          ['username', person?.username ?? ''],
          ['email', person?.email ?? ''],
          ['userID', share.accountId],
          ['accessToken', share.accessToken],
          ['name', device.name],
          ['acceptedAt', acceptedAt],
          ['invitedAt', share.createdAt],
          ['allowSync', share.settings.allowSync],
          ['allowCameraUpload', share.settings.allowCameraUpload],
          ['allowChannels', share.settings.allowChannels],
          // The capture says 0: the share is not the invitee's server.
          ['owned', false],
        ],
        children: device.librarySections.map(
          (s): XmlElement => ({
            name: 'Section',
            attrs: [
              ['id', s.id],
              ['key', s.key],
              ['title', s.title],
              ['type', s.type],
              ['shared', shared.has(s.id)],
            ],
          }),
        ),
      };
    }),
  };
}
