/**
 * The account's Plex cloud server (`GET /api/v2/cloud_server`), which Tautulli reads to tell whether a server
 * runs in Plex's cloud. **Unverified**: no capture and no peer documents the answer; Tautulli reads
 * `<info running="1"><server address="…"/></info>`. Everything is optional and everything else is kept.
 */
import { FieldTable } from '../wire/table.js';
import type { Wire } from '../wire/wire.js';
import type { DecodeContext } from './read.js';

/** One server of the cloud answer. */
export interface CloudServerHost {
  address?: string;
  extra: Record<string, unknown>;
}

/** What `/api/v2/cloud_server` says. An account without a cloud server gets no `running` and no `servers`. */
export interface CloudServer {
  running?: boolean;
  servers: CloudServerHost[];
  extra: Record<string, unknown>;
}

const ROOT = new FieldTable([['running', 'bool']], ['server', 'servers']);
const HOST = new FieldTable([['address', 'str']]);

function decodeHost(w: Wire): CloudServerHost {
  const v = HOST.read(w);
  return { address: v[0], extra: v[1] };
}

/** Decode a `/api/v2/cloud_server` body (an `<info>` root, or a JSON object with `servers` or `server`). */
export function decodeCloudServer(w: Wire, _ctx: DecodeContext = {}): CloudServer {
  const v = ROOT.read(w);
  const hosts =
    w.format === 'xml'
      ? w.repeated('server')
      : [
          ...w.objects('servers'),
          ...w.objects('server'),
          ...(w.object('server') ? [w.object('server')!] : []),
        ];
  return { running: v[0], servers: hosts.map(decodeHost), extra: v[1] };
}
