// What each library does with a body, side by side with the floor (the bare parsers).
import { createRequire } from 'node:module';
import { MyPlexAccount, MyPlexDevice, MyPlexResource } from '@ctrl/plex';
import { parseResources, parseSharedUsers, parseUserPlexAccount } from 'plextv';

// The very copies each library loads: xml2js as @ctrl/plex resolves it, @rgrove/parse-xml as plextv does.
const { parseStringPromise } = createRequire(import.meta.resolve('@ctrl/plex'))('xml2js');
const { parseXml } = createRequire(import.meta.resolve('plextv'))('@rgrove/parse-xml');

const plextv = {
  accountJson: parseUserPlexAccount,
  accountXml: parseUserPlexAccount,
  resourcesJson: parseResources,
  resourcesXml: parseResources,
  usersXml: parseSharedUsers,
};

/**
 * @ctrl/plex 3.12.1's own path for the bodies it reads: `MyPlexAccount#connect` JSON-parses /api/v2/user into
 * `_loadData`; `resources()` maps the v2 JSON list into `MyPlexResource`s; `query()` of an XML URL is xml2js's
 * `parseStringPromise`, and its reader for `<Device>`/`<Connection>` XML is `MyPlexDevice`. It has no reader
 * for the account as XML nor for `/api/users` (no MyPlexUser in 3.12.1): those rows show xml2js alone.
 */
const ctrl = {
  accountJson: (text) => {
    const account = new MyPlexAccount();
    account._loadData(JSON.parse(text));
    return account;
  },
  resourcesJson: (text) => JSON.parse(text).map((device) => new MyPlexResource(null, device, null)),
  resourcesXml: async (text) =>
    (await parseStringPromise(text)).MediaContainer.Device.map((device) => new MyPlexDevice(null, device)),
};

const floors = {
  json: { 'JSON.parse': (text) => JSON.parse(text) },
  xml: { '@rgrove/parse-xml': (text) => parseXml(text), xml2js: (text) => parseStringPromise(text) },
};

/** The variants for one body: [{ key, label, fn }], plextv and @ctrl/plex first. */
export function variantsFor(bodyName) {
  const format = bodyName.endsWith('Json') ? 'json' : 'xml';
  const list = [{ key: 'plextv', label: 'plextv', fn: plextv[bodyName] }];
  if (ctrl[bodyName]) list.push({ key: 'ctrl', label: '@ctrl/plex 3.12.1', fn: ctrl[bodyName] });
  for (const [label, fn] of Object.entries(floors[format])) list.push({ key: label, label, fn });
  return list;
}

/** Whether @ctrl/plex has its own reader for this body (else its column is xml2js alone). */
export const ctrlReads = (bodyName) => Boolean(ctrl[bodyName]);
