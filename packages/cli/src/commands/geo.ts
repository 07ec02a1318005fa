/** `plextv ip`: the public address plex.tv sees; `plextv geoip [IP]`: where plex.tv places an address. */
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { type GeoLocation, getGeoIp, getPublicIp } from 'plextv';
import type { CommandKit } from '../command-kit.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { plain } from '../redact.js';

export async function ip(ctx: Context): Promise<void> {
  // No token needed (none is sent).
  const address = await getPublicIp(await ctx.client(), { signal: ctx.signal });
  ctx.out.out(address);
  ctx.out.data({ ok: true, ip: address });
}

/** `yes`/`no`, nothing when plex.tv does not know. */
function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'yes' : 'no';
}

function locationRows(location: GeoLocation): Array<[string, string | undefined]> {
  const place = [location.city, location.subdivisions, location.country].filter(Boolean).join(', ');
  const code = location.code ? ` (${location.code})` : '';
  const restricted = [
    location.inPrivacyRestrictedCountry === undefined
      ? undefined
      : `country ${yesNo(location.inPrivacyRestrictedCountry)}`,
    location.inPrivacyRestrictedRegion === undefined
      ? undefined
      : `region ${yesNo(location.inPrivacyRestrictedRegion)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return [
    ['Location', place || location.code ? `${place || '?'}${code}` : undefined],
    ['Continent', location.continentCode],
    ['Time zone', location.timeZone],
    ['Postal code', location.postalCode],
    ['Coordinates', location.coordinates],
    ['EU member', yesNo(location.europeanUnionMember)],
    ['Privacy-restricted', restricted || undefined],
  ];
}

export async function geoip(ctx: Context, address: string | undefined): Promise<void> {
  const wanted = address?.trim();
  if (wanted !== undefined && isIP(wanted.replace(/^\[(.*)\]$/, '$1')) === 0) {
    throw new UsageError(`"${address}" is not an IP address (IPv4 like 203.0.113.7, or IPv6).`);
  }
  const ipAddress = wanted?.replace(/^\[(.*)\]$/, '$1');
  const client = await ctx.signedInClient();
  const location = await getGeoIp(client, ipAddress, { signal: ctx.signal });
  ctx.out.data({ ip: ipAddress ?? null, ...(plain(location) as object) });
  if (ctx.json) return;
  const c = ctx.out.c;
  ctx.out.out(c.bold(ipAddress ?? 'Your address (as plex.tv sees it)'));
  const rows = locationRows(location).filter((row): row is [string, string] => row[1] !== undefined);
  if (rows.length === 0) {
    ctx.out.out(c.dim('  plex.tv does not know where this address is.'));
    return;
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) ctx.out.out(`  ${c.cyan(label.padEnd(width))}  ${value}`);
}

/** `ip` and `geoip`. */
export function register(program: Command, kit: CommandKit): void {
  program
    .command('ip')
    .description('print your public IP address as plex.tv sees it')
    .action(async (_options, command: Command) => {
      await ip(kit.contextOf(command));
    });

  program
    .command('geoip')
    .argument('[ip]', 'the address to look up (default: yours)')
    .description('where plex.tv places an IP address (country, city, time zone, …)')
    .action(async (address: string | undefined, _options, command: Command) => {
      await geoip(await kit.tokenContextOf(command), address);
    });
}
