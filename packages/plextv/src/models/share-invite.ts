/**
 * A pending share invitation as `GET /api/v2/shared_servers/invites/received/pending` lists it (Wizarr reads
 * `owner{username,email,title,friendlyName}` and `sharedServers[{id}]`). **Unverified**: no capture.
 */
import { extras, type Wire } from '../wire/wire.js';
import { type DecodeContext, int, str } from './read.js';
import { decodeSharedServer, type SharedServer } from './sharing.js';

/** Who offers the shares. Every field may be missing (no capture shows which are always sent). */
export interface ShareOwner {
  id?: number;
  uuid?: string;
  username?: string;
  email?: string;
  title?: string;
  friendlyName?: string;
  thumb?: string;
  extra: Record<string, unknown>;
}

/** Shares one owner offered you, not accepted yet: accept each with `acceptShareInvite(client, share.id)`. */
export interface ShareInvite {
  owner: ShareOwner;
  sharedServers: SharedServer[];
  extra: Record<string, unknown>;
}

const OWNER_KEYS = ['id', 'uuid', 'username', 'email', 'title', 'friendlyName', 'thumb'] as const;
const OWNER_KNOWN = new Set<string>(OWNER_KEYS);
const INVITE_KNOWN = new Set(['owner', 'sharedServers']);

function decodeOwner(w: Wire | undefined): ShareOwner {
  if (!w) return { extra: {} };
  return {
    id: int(w, 'id'),
    uuid: str(w, 'uuid'),
    username: str(w, 'username'),
    email: str(w, 'email'),
    title: str(w, 'title'),
    friendlyName: str(w, 'friendlyName'),
    thumb: str(w, 'thumb'),
    extra: extras(w, OWNER_KNOWN),
  };
}

/** Decode one pending invitation. A share without an `id` is an error naming it. */
export function decodeShareInvite(w: Wire, ctx: DecodeContext = {}): ShareInvite {
  return {
    owner: decodeOwner(w.object('owner')),
    sharedServers: w.objects('sharedServers').map((s) => decodeSharedServer(s, ctx)),
    extra: extras(w, INVITE_KNOWN),
  };
}
