import type { Context, Hono } from 'hono';
import { findByLogin } from '../state/accounts.js';
import { badRequest, ERRORS, PlexHttpError, SOCIAL_ERRORS } from '../state/errors.js';
import { isRestrictionProfile } from '../state/friends.js';
import {
  addExistingMember,
  adminHomeOrNew,
  checkPin,
  createManagedUser,
  findMember,
  homeView,
  removeMember,
  requireAdmin,
  requireHome,
  setRestrictionProfile,
} from '../state/home.js';
import type { Account, Home } from '../state/model.js';
import { issueToken } from '../state/tokens.js';
import { userContext, userJson } from '../wire/account.js';
import { documentResponse } from '../wire/format.js';
import {
  homeJson,
  homeUserJson,
  homeUsersJson,
  homeUsersV1Xml,
  homeUsersXml,
  homeUserV1Element,
  homeXml,
} from '../wire/home.js';
import { legacyUserXml } from '../wire/legacy-user.js';
import { jsonToXml } from '../wire/v2xml.js';
import { readBody, truthy } from './body.js';
import { authenticate, format, plexParam, type Runtime } from './runtime.js';

/**
 * Plex Home:
 * - GET /api/v2/home, GET /api/v2/home/users (JSON, or v2-style XML), GET /api/home/users (v1 XML).
 * - POST /api/home/users?title= (new managed user) | ?invitedEmail= (an existing account joins at
 *   once): 200 with the new member's v1 `<User/>` (always XML, like every v1 endpoint).
 * - DELETE /api/home/users/{id}: 200, empty body.
 * - PUT /api/home/users/{yourId}?pin=&currentPin=: set, change or (pin=) remove your own Home PIN;
 *   200 with your `<User/>`.
 * - POST /api/v2/home/users/{uuid}/switch (and v1 POST /api/home/users/{id}/switch) ?pin=: the
 *   member with a NEW token: JSON = the /api/v2/user document, XML = the legacy `<user>`.
 * - POST /api/v2/home/users/restricted/{id} pin=|removePin=1, PUT …?restrictionProfile= (admin only):
 *   200 with the member (v2 home user).
 * Only the Home admin may add, remove or restrict members; v1 answers are XML whatever Accept says.
 */
export function registerHomeRoutes(app: Hono, runtime: Runtime): void {
  const v1 = (body: Parameters<typeof documentResponse>[2]) => documentResponse('xml', 200, body);

  app.get('/api/v2/home', async (c) => {
    const { account } = await authenticate(c, runtime);
    const view = homeView(runtime.state, requireHome(runtime.state, account));
    return documentResponse(format(c), 200, { json: () => homeJson(view), xml: () => homeXml(view) });
  });

  app.get('/api/v2/home/users', async (c) => {
    const { account } = await authenticate(c, runtime);
    const view = homeView(runtime.state, requireHome(runtime.state, account));
    return documentResponse(format(c), 200, {
      json: () => homeUsersJson(view),
      xml: () => homeUsersXml(view),
    });
  });

  for (const path of ['/api/home/users', '/api/home/users/']) {
    app.get(path, async (c) => {
      const { account } = await authenticate(c, runtime);
      const view = homeView(runtime.state, requireHome(runtime.state, account));
      return v1({ json: () => null, xml: () => homeUsersV1Xml(view, account) });
    });

    app.post(path, async (c) => {
      const { account } = await authenticate(c, runtime);
      const { state } = runtime;
      const { fields } = await readBody(c);
      const title = fields.title;
      const invited = fields.invitedEmail;
      if ((title === undefined) === (invited === undefined))
        throw badRequest('Give either title (a new managed user) or invitedEmail (an existing account)');
      const home = adminHomeOrNew(state, account);
      let member: Account;
      if (title !== undefined) {
        member = createManagedUser(state, home, title);
      } else {
        const found = findByLogin(state, invited ?? '');
        if (!found) throw new PlexHttpError(SOCIAL_ERRORS.userNotFound);
        if (found.id === account.id) throw badRequest('You are already in your Home');
        addExistingMember(state, home, found);
        member = found;
      }
      return v1({ json: () => null, xml: () => homeUserV1Element(home, member) });
    });
  }

  app.delete('/api/home/users/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const home = requireAdmin(runtime.state, account);
    removeMember(runtime.state, home, findMember(runtime.state, home, c.req.param('id')));
    return c.body(null, 200);
  });

  // Your own Home PIN.
  app.put('/api/home/users/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    if (c.req.param('id') !== String(account.id) && c.req.param('id') !== account.uuid)
      throw new PlexHttpError(ERRORS.notAvailable);
    const { fields } = await readBody(c);
    if (fields.pin === undefined) throw badRequest('pin is required (pin= removes your PIN)');
    if (account.homePin !== null && fields.currentPin !== account.homePin)
      throw new PlexHttpError(SOCIAL_ERRORS.wrongCurrentPin);
    account.homePin = fields.pin === '' ? null : checkPin('pin', fields.pin);
    const home = requireHome(runtime.state, account);
    return v1({ json: () => null, xml: () => homeUserV1Element(home, account) });
  });

  const switchTo = async (c: Context, ref: string, legacy: boolean) => {
    const { account: caller } = await authenticate(c, runtime);
    const { state } = runtime;
    const home = requireHome(state, caller);
    const member = findMember(state, home, ref);
    const { fields } = await readBody(c);
    if (member.id !== caller.id && member.homePin !== null && fields.pin !== member.homePin)
      throw new PlexHttpError(SOCIAL_ERRORS.pinRequired);
    const token = issueToken(state, member, { clientIdentifier: plexParam(c, 'X-Plex-Client-Identifier') });
    const ctx = userContext(state, member, token);
    const fmt = legacy ? 'xml' : format(c);
    return documentResponse(fmt, 200, { json: () => userJson(ctx), xml: () => legacyUserXml(ctx) });
  };
  app.post('/api/v2/home/users/:uuid/switch', (c) => switchTo(c, c.req.param('uuid'), false));
  app.post('/api/home/users/:id/switch', (c) => switchTo(c, c.req.param('id'), true));

  /** A managed member of the caller's Home, which the caller must administer. */
  const managedMember = (account: Account, ref: string): { home: Home; member: Account } => {
    const home = requireAdmin(runtime.state, account);
    const member = findMember(runtime.state, home, ref);
    if (!member.managed) throw badRequest(`${member.title} is not a managed user`);
    return { home, member };
  };
  const memberDoc = (c: Context, home: Home, member: Account) =>
    documentResponse(format(c), 200, {
      json: () => homeUserJson(home, member),
      xml: () => jsonToXml('user', homeUserJson(home, member)),
    });

  app.post('/api/v2/home/users/restricted/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { home, member } = managedMember(account, c.req.param('id'));
    const { fields } = await readBody(c);
    if (truthy(fields.removePin)) member.homePin = null;
    else if (fields.pin !== undefined) member.homePin = checkPin('pin', fields.pin);
    else throw badRequest('Give pin (four digits) or removePin=1');
    return memberDoc(c, home, member);
  });

  app.put('/api/v2/home/users/restricted/:id', async (c) => {
    const { account } = await authenticate(c, runtime);
    const { home, member } = managedMember(account, c.req.param('id'));
    const { fields } = await readBody(c);
    const profile = fields.restrictionProfile;
    if (profile === undefined) throw badRequest('restrictionProfile is required');
    if (profile !== '' && !isRestrictionProfile(profile))
      throw badRequest('restrictionProfile must be little_kid, older_kid or teen (or empty for none)');
    setRestrictionProfile(runtime.state, home, member, profile === '' ? null : profile);
    return memberDoc(c, home, member);
  });
}
