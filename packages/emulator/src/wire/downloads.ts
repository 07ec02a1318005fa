/**
 * `/api/downloads/5.json`: the newest Plex Media Server for each platform. **Unverified**: no capture; the keys
 * Tautulli and update scripts read (`computer.Linux.version`, `releases[{label, build, distro, url, checksum}]`).
 * The builds, URLs and checksums here are made up.
 */

const PLATFORMS = {
  computer: [
    [
      'Linux',
      'linux',
      [['Ubuntu (16.04+) / Debian (8+) - Intel/AMD 64-bit', 'linux-x86_64', 'debian', 'deb']],
    ],
    ['Windows', 'windows', [['Windows 64-bit', 'windows-x86_64', 'windows', 'exe']]],
    ['MacOSX', 'macos', [['Mac Intel/ARM 64-bit', 'darwin-x86_64', 'macos', 'zip']]],
  ],
  nas: [['Synology', 'synology', [['Synology DSM 7 - Intel/AMD 64-bit', 'linux-x86_64', 'synology', 'spk']]]],
} as const;

/** The public build, and a newer one on the `plexpass` (beta) channel. */
const VERSIONS = {
  public: { version: '1.41.0.0000-emulator', releaseDate: 1_767_225_600 },
  beta: { version: '1.42.0.0000-emulator', releaseDate: 1_767_830_400 },
} as const;

/** The body for `channel` (`plexpass`: the beta builds; anything else: public). */
export function downloadsJson(channel: string | undefined): unknown {
  const { version, releaseDate } = channel === 'plexpass' ? VERSIONS.beta : VERSIONS.public;
  const platform = ([name, id, releases]: (typeof PLATFORMS)['computer' | 'nas'][number]) => [
    name,
    {
      id,
      name,
      release_date: releaseDate,
      version,
      requirements: '',
      extra_info: '',
      items_added: '(Emulator) Nothing new: this build is made up.',
      items_fixed: '',
      releases: releases.map(([label, build, distro, ext]) => ({
        label,
        build,
        distro,
        url: `https://downloads.plex.tv/plex-media-server-new/${version}/${distro}/plexmediaserver-${version}-${build}.${ext}`,
        checksum: '0000000000000000000000000000000000000000',
      })),
    },
  ];
  return {
    computer: Object.fromEntries(PLATFORMS.computer.map(platform)),
    nas: Object.fromEntries(PLATFORMS.nas.map(platform)),
  };
}
