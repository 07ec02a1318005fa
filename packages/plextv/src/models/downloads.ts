/**
 * Plex Media Server builds (`GET /api/downloads/5.json`): the newest version for every platform, what Tautulli
 * compares with a server's version to say an update is out. **Unverified**: no whole capture. The keys are the
 * ones Tautulli and update scripts read (`computer.Linux.version`, `releases[{build, distro, url, checksum}]`),
 * and one platform of a real 2022 `channel=plexpass` answer, quoted in a public Ansible module, has exactly
 * `id name release_date version requirements extra_info items_added items_fixed releases[label build distro url
 * checksum]` (`release_date` epoch seconds, `requirements` HTML, a 40-hex checksum).
 */
import { FieldTable } from '../wire/table.js';
import type { Wire } from '../wire/wire.js';
import type { DecodeContext } from './read.js';

/** One package of a build: an installer or archive for one distribution and architecture. */
export interface ServerRelease {
  /** What plex.tv shows (`Ubuntu (16.04+) / Debian (8+) - Intel/AMD 64-bit`). */
  label?: string;
  /** `linux-x86_64`, `windows-x86`, …. */
  build?: string;
  /** `debian`, `redhat`, `windows`, …. */
  distro?: string;
  url?: string;
  /** The package's SHA-1, as update scripts check it. */
  checksum?: string;
  extra: Record<string, unknown>;
}

/** The newest Plex Media Server for one platform (`computer.Linux`, `nas.Synology`). */
export interface ServerDownload {
  /** The key it is listed under (`Linux`, `Windows`, `Synology`). */
  platform: string;
  id?: string;
  name?: string;
  /** `1.40.0.7998-c29d4c0c8`: compare with the server's `version`. */
  version?: string;
  releaseDate?: Date;
  /** HTML as plex.tv writes it (a link to the requirements page). */
  requirements?: string;
  extraInfo?: string;
  /** The release notes, as plex.tv writes them (text with newlines). */
  itemsAdded?: string;
  itemsFixed?: string;
  releases: ServerRelease[];
  extra: Record<string, unknown>;
}

/** Every platform's newest Plex Media Server, by platform key. */
export interface ServerDownloads {
  /** Desktop and server operating systems (`Linux`, `Windows`, `MacOSX`, `FreeBSD`). */
  computer: Record<string, ServerDownload>;
  /** NAS systems (`Synology`, `QNAP`, `Netgear`, …). */
  nas: Record<string, ServerDownload>;
  extra: Record<string, unknown>;
}

const DOWNLOAD = new FieldTable(
  [
    ['id', 'str'],
    ['name', 'str'],
    ['version', 'str'],
    ['releaseDate', 'date', 'release_date', 'releaseDate'],
    ['requirements', 'str'],
    ['extraInfo', 'str', 'extra_info', 'extraInfo'],
    ['itemsAdded', 'str', 'items_added', 'itemsAdded'],
    ['itemsFixed', 'str', 'items_fixed', 'itemsFixed'],
  ],
  ['releases'],
);

const RELEASE = new FieldTable([
  ['label', 'str'],
  ['build', 'str'],
  ['distro', 'str'],
  ['url', 'str'],
  ['checksum', 'str'],
]);

const ROOT = new Set(['computer', 'nas']);

function decodeRelease(w: Wire): ServerRelease {
  const v = RELEASE.read(w);
  return { label: v[0], build: v[1], distro: v[2], url: v[3], checksum: v[4], extra: v[5] };
}

function decodeDownload(platform: string, w: Wire): ServerDownload {
  const v = DOWNLOAD.read(w);
  return {
    platform,
    id: v[0],
    name: v[1],
    version: v[2],
    releaseDate: v[3],
    requirements: v[4],
    extraInfo: v[5],
    itemsAdded: v[6],
    itemsFixed: v[7],
    releases: w.objects('releases').map(decodeRelease),
    extra: v[8],
  };
}

/** A `{platform: {…}}` map; entries that are not objects are left out. */
function platforms(w: Wire | undefined): Record<string, ServerDownload> {
  const out: Record<string, ServerDownload> = {};
  if (!w) return out;
  for (const key of w.keys()) {
    const entry = w.object(key);
    // defineProperty: a platform named `__proto__` stays an ordinary key.
    if (entry) Object.defineProperty(out, key, { value: decodeDownload(key, entry), enumerable: true });
  }
  return out;
}

/** Decode a `/api/downloads/{n}.json` body. Nothing in it is an identity: a map missing is an empty one. */
export function decodeServerDownloads(w: Wire, _ctx: DecodeContext = {}): ServerDownloads {
  const extra: Record<string, unknown> = {};
  for (const key of w.keys()) {
    if (!ROOT.has(key)) Object.defineProperty(extra, key, { value: w.plain(key), enumerable: true });
  }
  return { computer: platforms(w.object('computer')), nas: platforms(w.object('nas')), extra };
}

/** The build for `platform` (`Linux`, `synology`: case-insensitive), from `computer` first, then `nas`. */
export function findServerDownload(downloads: ServerDownloads, platform: string): ServerDownload | undefined {
  const wanted = platform.toLowerCase();
  for (const map of [downloads.computer, downloads.nas]) {
    const hit = Object.values(map).find((d) => d.platform.toLowerCase() === wanted || d.id === wanted);
    if (hit) return hit;
  }
  return undefined;
}
