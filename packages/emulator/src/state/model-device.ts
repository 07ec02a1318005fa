/** A device's records: devices and resources, their connections, library sections and shares. */

/** One way to reach a device (a `connection` of a resource). */
export interface DeviceConnection {
  protocol: 'http' | 'https';
  address: string;
  port: number;
  uri: string;
  local: boolean;
  relay: boolean;
  IPv6: boolean;
}

/** A library section of a server, as plex.tv numbers it for sharing. */
export interface LibrarySection {
  /** plex.tv's id for the section (what `librarySectionIds` take); unique across servers. */
  id: number;
  /** The section's key on the server itself (`/library/sections/{key}`). */
  key: number;
  title: string;
  /** movie, show, artist, photo. */
  type: string;
}

/** What a sharer lets someone do (`sharingSettings`; `PUT /api/v2/sharings/{id}`). */
export interface SharingSettings {
  allowSync: boolean;
  allowCameraUpload: boolean;
  allowChannels: boolean;
  allowSubtitleAdmin: boolean;
  /** 0, 1 or 2 (Live TV & DVR access). */
  allowTuners: 0 | 1 | 2;
  /** Filters: "" = none set; null as plex.tv writes it for filterPhotos/filterAll. */
  filterMovies: string | null;
  filterMusic: string | null;
  filterTelevision: string | null;
  filterPhotos: string | null;
  filterAll: string | null;
}

/** The on/off sharing settings and the filters (what forms and seeds may set by name). */
export const SHARING_FLAG_KEYS = [
  'allowSync',
  'allowCameraUpload',
  'allowChannels',
  'allowSubtitleAdmin',
] as const;
export const SHARING_FILTER_KEYS = [
  'filterMovies',
  'filterMusic',
  'filterTelevision',
  'filterPhotos',
  'filterAll',
] as const;

/** A server shared with another account (a "shared server"). */
export interface Share {
  /** The shared server id (`/api/v2/shared_servers/{id}`, `<Server id>` in `/api/users`). */
  id: number;
  /** The invited account, or an e-mail invitee (`state.invitees`). */
  accountId: number;
  /** The token the invited account uses for this server (its resources' `accessToken`). */
  accessToken: string;
  /** Seeded as a Home share (the resource says `home: true` for Home members anyway). */
  home: boolean;
  publicAddressMatches: boolean;
  /** plex.tv section ids shared; null: all libraries (`allLibraries`, new sections included). */
  librarySectionIds: number[] | null;
  settings: SharingSettings;
  /** epoch seconds: when the share was made. */
  createdAt: number;
  inviteToken: string;
}

/** A device registered to an account (`/devices.xml`); servers, clients and players are also resources. */
export interface Device {
  id: number;
  ownerId: number;
  name: string;
  product: string;
  productVersion: string;
  platform: string;
  platformVersion: string;
  device: string;
  model: string;
  vendor: string;
  provides: string;
  clientIdentifier: string;
  version: string;
  /** The device's own plex.tv token (a working token of the owner). */
  token: string;
  /** The owner's `accessToken` in resources (null: none listed). */
  accessToken: string | null;
  /** epoch seconds */
  createdAt: number;
  /** epoch seconds */
  lastSeenAt: number;
  publicAddress: string;
  screenResolution: string;
  screenDensity: string;
  presence: boolean;
  publicAddressMatches: boolean;
  server: boolean;
  httpsRequired: boolean;
  synced: boolean;
  relay: boolean;
  dnsRebindingProtection: boolean;
  natLoopbackSupported: boolean;
  /** null: the device has no connections at all (JSON leaves the key out). */
  connections: DeviceConnection[] | null;
  syncList: { itemsCompleteCount: number; totalSize: number; version: number } | null;
  /** Servers: their library sections (what can be shared), in order. [] for other devices. */
  librarySections: LibrarySection[];
  shares: Share[];
}

/** What a client says about itself in its X-Plex-* headers (or query parameters). */
export interface ClientHeaders {
  clientIdentifier: string | null;
  product: string | null;
  version: string | null;
  platform: string | null;
  platformVersion: string | null;
  /** X-Plex-Device: the kind of device (e.g. "iPhone", "Linux"). */
  device: string | null;
  /** X-Plex-Device-Name: what the user calls it. */
  deviceName: string | null;
  provides: string | null;
  model: string | null;
  vendor: string | null;
}
