/**
 * Endpoints plex.tv removed (they answer 410 Gone, which plextv throws as `EndpointRemovedError`), with what
 * replaces each: a map for code ported from older clients.
 */

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
