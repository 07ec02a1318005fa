/**
 * `/devices.xml` (node-plex-api, plex-api.rs ×2): `<MediaContainer publicAddress size>` with
 * `<Device name publicAddress product productVersion platform platformVersion device model vendor
 * provides clientIdentifier version id token createdAt lastSeenAt screenResolution screenDensity>`,
 * epoch dates, "" for empty values, and `<SyncList …/>` then `<Connection uri/>` children.
 *
 * Connection uris: the device's own addresses, never its relay (the 2019 capture lists a server's
 * 32400/24507 ports but not the relay's 8443), and `http://address:port` in place of a plex.direct
 * name (that capture lists `http://127.0.0.1:32400` where resources had plex.direct https).
 */

import type { Device, DeviceConnection } from '../state/model.js';
import { hostPortUri } from '../util/net.js';
import type { XmlElement } from './xml.js';

function connectionUri(c: DeviceConnection): string {
  return /\.plex\.direct(:\d+)?\/?$/.test(c.uri) ? hostPortUri('http', c.address, c.port) : c.uri;
}

export function devicesXml(
  devices: Array<{ device: Device; connections: DeviceConnection[] | null }>,
  publicAddress: string,
): XmlElement {
  return {
    name: 'MediaContainer',
    attrs: [
      ['publicAddress', publicAddress],
      ['size', devices.length],
    ],
    children: devices.map(({ device: d, connections }): XmlElement => {
      const children: XmlElement[] = [];
      if (d.syncList) {
        children.push({
          name: 'SyncList',
          attrs: [
            ['itemsCompleteCount', d.syncList.itemsCompleteCount],
            ['totalSize', d.syncList.totalSize],
            ['version', d.syncList.version],
          ],
        });
      }
      for (const c of connections ?? []) {
        if (!c.relay) children.push({ name: 'Connection', attrs: [['uri', connectionUri(c)]] });
      }
      return {
        name: 'Device',
        attrs: [
          ['name', d.name],
          ['publicAddress', d.publicAddress],
          ['product', d.product],
          ['productVersion', d.productVersion],
          ['platform', d.platform],
          ['platformVersion', d.platformVersion],
          ['device', d.device],
          ['model', d.model],
          ['vendor', d.vendor],
          ['provides', d.provides],
          ['clientIdentifier', d.clientIdentifier],
          ['version', d.version],
          ['id', d.id],
          ['token', d.token],
          ['createdAt', d.createdAt],
          ['lastSeenAt', d.lastSeenAt],
          ['screenResolution', d.screenResolution],
          ['screenDensity', d.screenDensity],
        ],
        children,
      };
    }),
  };
}
