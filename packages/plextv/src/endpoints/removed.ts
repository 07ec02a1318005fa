/**
 * Endpoints plex.tv removed (they answer 410 Gone), named so that code ported from older clients fails fast
 * and clearly: these functions never make a request; they reject with `EndpointRemovedError` whose
 * `replacement` says what to call instead.
 */
import { EndpointRemovedError } from '../errors.js';

/** One removed plex.tv endpoint and what replaces it. */
export interface RemovedEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template on plex.tv. */
  path: string;
  /** What to use instead. */
  replacement: string;
}

/** The friends and invitations endpoints plex.tv removed (python-plexapi #1412, #1435, #1536). */
export const REMOVED_ENDPOINTS = {
  pendingInvitesSent: {
    method: 'GET',
    path: '/api/invites/requested',
    replacement:
      "getPendingInvites(client, { includeReceived: false }) (GET /api/v2/friends/invites/sent/pending) or getFriends(client, { status: 'pending_sent' })",
  },
  pendingInvitesReceived: {
    method: 'GET',
    path: '/api/invites/requests',
    replacement:
      "getFriends(client, { status: 'pending_received' }) or getPendingInvites(client, { includeSent: false }) (GET /api/v2/friends/invites/received/pending)",
  },
  acceptInvite: {
    method: 'PUT',
    path: '/api/invites/requests/{id}',
    replacement: 'acceptInvite(client, id) (POST /api/v2/friends/{id}/accept)',
  },
  cancelInvite: {
    method: 'DELETE',
    path: '/api/invites/requested/{id}',
    replacement: 'cancelInvite(client, usernameOrEmail) (DELETE /api/v2/friends/invite?identifier=…)',
  },
  removeFriend: {
    method: 'DELETE',
    path: '/api/friends/{id}',
    replacement: 'removeFriend(client, id) (DELETE /api/v2/sharings/{id})',
  },
  updateFriend: {
    method: 'PUT',
    path: '/api/friends/{id}',
    replacement: 'updateSharingSettings(client, id, settings) (PUT /api/v2/sharings/{id})',
  },
} as const satisfies Record<string, RemovedEndpoint>;

/** The error a removed endpoint gives: never a request, always the replacement. */
export function removedEndpointError(endpoint: RemovedEndpoint): EndpointRemovedError {
  return new EndpointRemovedError(
    `${endpoint.method} ${endpoint.path} was removed by plex.tv (410 Gone): use ${endpoint.replacement}`,
    { method: endpoint.method, path: endpoint.path, replacement: endpoint.replacement },
  );
}

const gone = (endpoint: RemovedEndpoint): Promise<never> => Promise.reject(removedEndpointError(endpoint));

/**
 * @deprecated plex.tv removed `/api/invites/requested` and `/api/invites/requests`. Rejects with
 * `EndpointRemovedError` without a request: use `getPendingInvites` or `getFriends({ status })`.
 */
export function legacyPendingInvites(..._args: unknown[]): Promise<never> {
  return Promise.reject(
    new EndpointRemovedError(
      'GET /api/invites/requested and /api/invites/requests were removed by plex.tv (410 Gone): use getFriends / pending invites (getPendingInvites)',
      {
        method: 'GET',
        path: REMOVED_ENDPOINTS.pendingInvitesSent.path,
        replacement: `${REMOVED_ENDPOINTS.pendingInvitesSent.replacement}; ${REMOVED_ENDPOINTS.pendingInvitesReceived.replacement}`,
      },
    ),
  );
}

/** @deprecated plex.tv removed `PUT /api/invites/requests/{id}`. Rejects without a request: use `acceptInvite`. */
export function legacyAcceptInvite(..._args: unknown[]): Promise<never> {
  return gone(REMOVED_ENDPOINTS.acceptInvite);
}

/** @deprecated plex.tv removed `DELETE /api/invites/requested/{id}`. Rejects without a request: use `cancelInvite`. */
export function legacyCancelInvite(..._args: unknown[]): Promise<never> {
  return gone(REMOVED_ENDPOINTS.cancelInvite);
}

/** @deprecated plex.tv removed `DELETE /api/friends/{id}`. Rejects without a request: use `removeFriend`. */
export function legacyRemoveFriend(..._args: unknown[]): Promise<never> {
  return gone(REMOVED_ENDPOINTS.removeFriend);
}

/** @deprecated plex.tv removed `PUT /api/friends/{id}`. Rejects without a request: use `updateSharingSettings`. */
export function legacyUpdateFriend(..._args: unknown[]): Promise<never> {
  return gone(REMOVED_ENDPOINTS.updateFriend);
}
