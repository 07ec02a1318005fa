/**
 * The built `plextv` as a subprocess against the emulator over loopback HTTP (demo seed): Plex Home
 * (list, add, PINs, switch with a wrong and the right PIN, whoami as the member, remove), friends (list,
 * pending, invite → accept as the other account → share → update → unshare → remove) and the refusals
 * (exit 13, 14). Every output is checked for secrets.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createEmulator,
  DEMO_SECTION_IDS,
  DEMO_SERVER_ID,
  type Emulator,
  type RunningServer,
} from 'plextv-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ExitCode } from '../src/index.js';
import { ANSI, cli, type Result, tempDir } from './helpers.js';

const DEMO_TOKEN = 'demo-token';
const FREE_TOKEN = 'free-token';
const FREE_ID = 10000002;

let emulator: Emulator;
let server: RunningServer;
let config: { dir: string; cleanup: () => Promise<void> };
let outputs: Result[];

beforeAll(async () => {
  emulator = createEmulator();
  server = await emulator.listen();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  emulator.control.reset();
  config = await tempDir();
  outputs = [];
});

/** Every token the emulator knows now: accounts' (switching makes new ones), devices', servers', shares'. */
function secrets(): string[] {
  const all = [...emulator.state.tokens.keys()];
  for (const device of emulator.state.devices.values()) {
    all.push(device.token);
    if (device.accessToken) all.push(device.accessToken);
    for (const share of device.shares) all.push(share.accessToken, share.inviteToken);
  }
  return all;
}

afterEach(async () => {
  await config.cleanup();
  const known = secrets();
  for (const { stdout, stderr } of outputs) {
    for (const secret of known) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
    expect(stdout).not.toMatch(ANSI);
  }
});

/**
 * `plextv …args` against the emulator, as demo (or `token`; null: the stored login). `keep`: the output may
 * hold a secret (asked for).
 */
async function plextv(
  args: string[],
  options: { token?: string | null; keep?: boolean } = {},
): Promise<Result> {
  const token = options.token === undefined ? DEMO_TOKEN : options.token;
  const result = await cli([...args, '--base-url', server.url, '--config-dir', config.dir], {
    env: token === null ? {} : { PLEX_TOKEN: token },
  });
  if (!options.keep) outputs.push(result);
  return result;
}

function json<T = unknown>(result: Result): T {
  return JSON.parse(result.stdout) as T;
}

/** The table's rows (without the header and the summary line), split into cells. */
function rows(result: Result): string[][] {
  const lines = result.stdout.trimEnd().split('\n');
  return lines.slice(1, -1).map((line) => line.split(/\s{2,}/));
}

/** Demo Server's share with an account, from the emulator's state. */
function shareWith(accountId: number) {
  const device = [...emulator.state.devices.values()].find((d) => d.clientIdentifier === DEMO_SERVER_ID);
  return device?.shares.find((s) => s.accountId === accountId);
}

function friendship(a: number, b: number) {
  return emulator.state.friendships.find(
    (f) => (f.inviterId === a && f.inviteeId === b) || (f.inviterId === b && f.inviteeId === a),
  );
}

const DEMO_ID = 10000001;

describe('home', () => {
  test('list: a readable table of the members (role, profile, PIN); --json for scripts', async () => {
    const result = await plextv(['home']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toMatch(/^NAME\s+ROLE\s+PROFILE\s+PIN\s+USERNAME\s+EMAIL\s+ID$/);
    expect(rows(result)).toEqual([
      ['demo (you)', 'admin', 'yes', 'demo', 'demo@plextv.test', '10000001'],
      ['Kids', 'managed', 'little_kid', 'yes', '10000003'],
      ['Guest', 'guest', 'no', '10000004'],
    ]);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^3 members in Demo Home\. /);

    const data = json<{ home: { name: string }; members: Array<Record<string, unknown>> }>(
      await plextv(['home', 'list', '--json']),
    );
    expect(data.home.name).toBe('Demo Home');
    expect(data.members).toEqual([
      expect.objectContaining({ title: 'demo', role: 'admin', protected: true, you: true }),
      expect.objectContaining({
        title: 'Kids',
        role: 'managed',
        restrictionProfile: 'little_kid',
        protected: true,
        username: null,
        you: false,
      }),
      expect.objectContaining({ title: 'Guest', role: 'guest', protected: false }),
    ]);
  });

  test('add → pin set for the new member → switch: no PIN (14), wrong PIN (14), right PIN → whoami as them (--show-token, then --save) → remove', async () => {
    const added = await plextv(['home', 'add', 'Timmy', '--profile', 'teen', '--json']);
    expect(added.code).toBe(ExitCode.OK);
    const { member } = json<{
      member: { id: number; uuid: string; role: string; restrictionProfile: string };
    }>(added);
    expect(member).toMatchObject({ role: 'managed', restrictionProfile: 'teen' });
    expect(emulator.state.accounts.get(member.id)).toMatchObject({
      title: 'Timmy',
      restrictionProfile: 'teen',
    });

    const pin = await plextv(['home', 'pin', 'set', 'timmy', '--pin', '0815']);
    expect(pin.code).toBe(ExitCode.OK);
    expect(pin.stdout).toBe('✔ Home PIN set for "Timmy": switching to them now asks for it.\n');
    expect(emulator.state.accounts.get(member.id)?.homePin).toBe('0815');
    const listed = await plextv(['home']);
    expect(rows(listed).find((r) => r[0] === 'Timmy')).toEqual([
      'Timmy',
      'managed',
      'teen',
      'yes',
      String(member.id),
    ]);

    const none = await plextv(['home', 'switch', 'Timmy']);
    expect(none.code).toBe(ExitCode.HOME_PIN);
    expect(none.code).toBe(14);
    expect(none.stderr).toBe(
      'error: Home PIN required: "Timmy" is protected by a Plex Home PIN. Pass it with --pin (or run on a terminal to be asked).\n',
    );
    expect(none.stdout).toBe('');

    const wrong = await plextv(['home', 'switch', 'Timmy', '--pin', '1234', '--json']);
    expect(wrong.code).toBe(14);
    expect(wrong.stderr).toBe('error: Wrong Home PIN for "Timmy": plex.tv refused the switch.\n');
    expect(json(wrong)).toEqual({
      ok: false,
      error: {
        code: 'HOME_PIN',
        exitCode: 14,
        message: 'Wrong Home PIN for "Timmy": plex.tv refused the switch.',
      },
    });

    // The right PIN: who you would be, nothing saved, no token shown.
    const right = await plextv(['home', 'switch', member.uuid, '--pin', '0815']);
    expect(right.code).toBe(ExitCode.OK);
    expect(right.stdout).toMatch(/^✔ You are now Timmy, a managed user \(teen\)\.\n {2}Not saved: /);
    expect((await readConfig())?.token).toBeUndefined();

    // --show-token: the member's token alone on stdout, usable with --token.
    const shown = await plextv(['home', 'switch', 'Timmy', '--pin', '0815', '--show-token'], { keep: true });
    expect(shown.code).toBe(ExitCode.OK);
    const token = shown.stdout.trim();
    expect(shown.stdout).toBe(`${token}\n`);
    expect(emulator.state.tokens.get(token)?.accountId).toBe(member.id);
    expect(shown.stderr).toContain('You are now Timmy');
    const asTimmy = await plextv(['whoami', '--token', token], { keep: true });
    expect(asTimmy.code).toBe(ExitCode.OK);
    expect(asTimmy.stdout).toMatch(/^Timmy\n/);
    expect(asTimmy.stdout).toMatch(/Plex Home\s+managed user/);
    expect(asTimmy.stdout).not.toContain(token);

    // --save: the member's token becomes the stored login.
    const saved = await plextv(['home', 'switch', 'Timmy', '--pin', '0815', '--save', '--json']);
    expect(saved.code).toBe(ExitCode.OK);
    expect(json(saved)).toMatchObject({
      ok: true,
      saved: true,
      account: { id: member.id, title: 'Timmy' },
      member: { title: 'Timmy', role: 'managed' },
    });
    expect(saved.stdout).not.toContain('"token"');
    const stored = await readConfig();
    expect(stored).toMatchObject({ baseUrl: server.url, account: { id: member.id, title: 'Timmy' } });
    expect(emulator.state.tokens.get(stored?.token as string)?.accountId).toBe(member.id);
    const whoami = await plextv(['whoami'], { token: null });
    expect(whoami.code).toBe(ExitCode.OK);
    expect(whoami.stdout).toMatch(/^Timmy\n/);
    const homeAsTimmy = await plextv(['home'], { token: null });
    expect(rows(homeAsTimmy).find((r) => r[0]?.startsWith('Timmy'))?.[0]).toBe('Timmy (you)');

    // A managed user may not remove members: plex.tv refuses (exit 13).
    const forbidden = await plextv(['home', 'remove', 'Kids', '--yes'], { token: null });
    expect(forbidden.code).toBe(ExitCode.FORBIDDEN);
    expect(forbidden.stderr).toMatch(
      /^error: http:\/\/127\.0\.0\.1:\d+ refused DELETE \/api\/home\/users\/10000003: this account may not do that \(HTTP 403, code 1043: /,
    );

    // Back as the admin: removing asks first.
    const refused = await plextv(['home', 'remove', 'Timmy']);
    expect(refused.code).toBe(ExitCode.USAGE);
    expect(refused.stderr).toBe(
      'error: Not removing "Timmy" without confirmation: pass --yes (there is no terminal to ask on).\n',
    );
    expect(emulator.state.accounts.has(member.id)).toBe(true);
    const removed = await plextv(['home', 'remove', 'Timmy', '--yes']);
    expect(removed.code).toBe(ExitCode.OK);
    expect(removed.stdout).toBe('✔ Deleted the managed user "Timmy".\n');
    expect(emulator.state.accounts.has(member.id)).toBe(false);
  });

  test('switch to Kids as JSON; --show-token puts the token in the document', async () => {
    const result = await plextv(['home', 'switch', 'kids', '--pin', '2468', '--json']);
    expect(result.code).toBe(ExitCode.OK);
    expect(json(result)).toEqual({
      ok: true,
      account: expect.objectContaining({ id: 10000003, title: 'Kids' }),
      member: expect.objectContaining({ id: 10000003, role: 'managed', protected: true }),
      saved: false,
    });
    const shown = await plextv(['home', 'switch', 'kids', '--pin', '2468', '--json', '--show-token'], {
      keep: true,
    });
    const { token } = json<{ token: string }>(shown);
    expect(emulator.state.tokens.get(token)?.accountId).toBe(10000003);
    // The PIN itself is never printed.
    for (const r of [result, shown]) expect(r.stdout + r.stderr).not.toContain('2468');
  });

  test('your own PIN: --current needed (14), wrong (14), right; then removed', async () => {
    const missing = await plextv(['home', 'pin', 'set', '--pin', '4321']);
    expect(missing.code).toBe(ExitCode.HOME_PIN);
    expect(missing.stderr).toMatch(
      /^error: Home PIN required: your account has a Home PIN; pass it with --current/,
    );
    const wrong = await plextv(['home', 'pin', 'set', '--pin', '4321', '--current', '0000']);
    expect(wrong.code).toBe(ExitCode.HOME_PIN);
    expect(wrong.stderr).toBe('error: Wrong Home PIN: plex.tv refused your current PIN (--current).\n');
    expect(emulator.state.accounts.get(DEMO_ID)?.homePin).toBe('1357');
    const set = await plextv(['home', 'pin', 'set', '--pin', '4321', '--current', '1357']);
    expect(set.code).toBe(ExitCode.OK);
    expect(emulator.state.accounts.get(DEMO_ID)?.homePin).toBe('4321');
    const removed = await plextv(['home', 'pin', 'remove', '--current', '4321', '--json']);
    expect(json(removed)).toEqual({ ok: true, pin: 'removed', member: null, self: true });
    expect(emulator.state.accounts.get(DEMO_ID)?.homePin).toBeNull();
    const again = await plextv(['home', 'pin', 'remove']);
    expect(again.code).toBe(ExitCode.OK);
    expect(again.stdout).toBe('You have no Home PIN: nothing to remove.\n');
    // A managed member's PIN, removed by the admin.
    const kids = await plextv(['home', 'pin', 'rm', 'Kids']);
    expect(kids.code).toBe(ExitCode.OK);
    expect(emulator.state.accounts.get(10000003)?.homePin).toBeNull();
    const guest = await plextv(['home', 'pin', 'set', 'Guest', '--pin', '1111']);
    expect(guest.code).toBe(ExitCode.USAGE);
    expect(guest.stderr).toMatch(/"Guest" is not a managed user/);
  });

  test('no such member: exit 2 naming the members; an account outside any Home', async () => {
    const unknown = await plextv(['home', 'switch', 'Nobody']);
    expect(unknown.code).toBe(ExitCode.USAGE);
    expect(unknown.stderr).toBe(
      'error: No member "Nobody" (in your Plex Home: "demo" (demo@plextv.test), "Kids", "Guest").\n',
    );
    const list = await plextv(['home'], { token: FREE_TOKEN });
    expect(list.code).toBe(ExitCode.OK);
    expect(list.stdout).toMatch(/^This account is not in a Plex Home\./);
    expect(json(await plextv(['home', '--json'], { token: FREE_TOKEN }))).toEqual({
      home: null,
      members: [],
    });
    const sw = await plextv(['home', 'switch', 'Kids'], { token: FREE_TOKEN });
    expect(sw.code).toBe(ExitCode.USAGE);
    expect(sw.stderr).toMatch(/^error: This account is not in a Plex Home/);
  });

  test('invite an existing account into the Home', async () => {
    const result = await plextv(['home', 'invite', 'carol@plextv.test']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(
      '✔ Invited carol@plextv.test to your Plex Home: they join once they accept the invitation.\n',
    );
  });
});

describe('friends', () => {
  test('list: each friend with the servers and libraries shared with them, and what they may do', async () => {
    const result = await plextv(['friends']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout.split('\n')[0]).toMatch(/^NAME\s+KIND\s+USERNAME\s+EMAIL\s+SHARED WITH THEM\s+MAY$/);
    const table = rows(result);
    expect(table[0]).toEqual([
      'freeuser',
      'friend',
      'freeuser',
      'free@plextv.test',
      'Demo Server: Movies, TV Shows',
      'sync',
    ]);
    expect(table.find((r) => r[0] === 'Kids')?.slice(0, 3)).toEqual([
      'Kids',
      'managed',
      'Demo Server: all libraries',
    ]);
    const data = json<
      Array<{
        username: string | null;
        status: string;
        servers: Array<{ libraries: Array<{ title: string }> }>;
      }>
    >(await plextv(['friends', 'list', '--json']));
    const free = data.find((f) => f.username === 'freeuser');
    expect(free?.status).toBe('accepted');
    expect(free?.servers[0]?.libraries.map((l) => l.title)).toEqual(['Movies', 'TV Shows']);
  });

  test('pending: sent and received invitations', async () => {
    const demo = await plextv(['friends', 'pending']);
    expect(demo.code).toBe(ExitCode.OK);
    expect(rows(demo)).toEqual([['sent', 'newfriend@example.test', 'newfriend@example.test', '20000001']]);
    const free = await plextv(['friends', 'pending', '--json'], { token: FREE_TOKEN });
    expect(json(free)).toEqual([
      expect.objectContaining({ username: 'carol', direction: 'received', status: 'pending_received' }),
    ]);
    const cancelled = await plextv(['friends', 'cancel', 'newfriend@example.test']);
    expect(cancelled.code).toBe(ExitCode.OK);
    expect(cancelled.stdout).toBe('✔ Withdrew the invitation to "newfriend@example.test".\n');
    const none = await plextv(['friends', 'cancel', 'carol']);
    expect(none.code).toBe(ExitCode.USAGE);
    expect(none.stderr).toBe('error: No pending invitation to "carol" (you have sent none).\n');
  });

  test('remove → invite → accept as the other account → share two libraries → update → unshare → remove', async () => {
    // Removing a friend asks first.
    const refused = await plextv(['friends', 'remove', 'freeuser']);
    expect(refused.code).toBe(ExitCode.USAGE);
    expect(refused.stderr).toMatch(
      /^error: Not removing "freeuser" \(free@plextv\.test\) without confirmation: pass --yes/,
    );
    expect(friendship(DEMO_ID, FREE_ID)?.status).toBe('accepted');
    const removed = await plextv(['friends', 'remove', 'free@plextv.test', '--yes']);
    expect(removed.code).toBe(ExitCode.OK);
    expect(removed.stdout).toBe(
      '✔ Removed your friend "freeuser" (free@plextv.test) and 1 share with them.\n',
    );
    expect(friendship(DEMO_ID, FREE_ID)).toBeUndefined();
    expect(shareWith(FREE_ID)).toBeUndefined();

    const invited = await plextv(['friends', 'invite', 'freeuser']);
    expect(invited.code).toBe(ExitCode.OK);
    expect(invited.stdout).toMatch(/^✔ Invited "freeuser" .*pending until they accept\./);
    expect(friendship(DEMO_ID, FREE_ID)?.status).toBe('pending');
    const received = await plextv(['friends', 'pending'], { token: FREE_TOKEN });
    expect(rows(received).map((r) => [r[0], r[1]])).toEqual([
      ['received', 'carol'],
      ['received', 'demo'],
    ]);

    const accepted = await plextv(['friends', 'accept', 'demo', '--token', FREE_TOKEN], { token: null });
    expect(accepted.code).toBe(ExitCode.OK);
    expect(accepted.stdout).toBe(
      '✔ Accepted the invitation from "demo" (demo@plextv.test): you are friends now.\n',
    );
    expect(friendship(DEMO_ID, FREE_ID)?.status).toBe('accepted');

    // An unknown library: exit 2, listing the ones there are; nothing shared.
    const unknown = await plextv(['share', 'Demo Server', 'freeuser', '--libraries', 'Movies,Anime']);
    expect(unknown.code).toBe(ExitCode.USAGE);
    expect(unknown.stderr).toBe(
      'error: No library "Anime" on "Demo Server" (libraries of "Demo Server": Movies, TV Shows, Music, Photos).\n',
    );
    expect(shareWith(FREE_ID)).toBeUndefined();

    const shared = await plextv([
      'share',
      'demo server',
      'freeuser',
      '--libraries',
      'Movies, tv shows',
      '--json',
    ]);
    expect(shared.code).toBe(ExitCode.OK);
    expect(json(shared)).toMatchObject({
      ok: true,
      action: 'created',
      server: { name: 'Demo Server', machineIdentifier: DEMO_SERVER_ID },
      user: { id: FREE_ID, username: 'freeuser' },
      libraries: [{ title: 'Movies' }, { title: 'TV Shows' }],
    });
    expect(shareWith(FREE_ID)?.librarySectionIds).toEqual([
      DEMO_SECTION_IDS.movies,
      DEMO_SECTION_IDS.tvShows,
    ]);
    const list = await plextv(['friends']);
    expect(rows(list)[0]?.[4]).toBe('Demo Server: Movies, TV Shows');

    // An existing share is updated: a library more, sync allowed, a movie filter.
    const updated = await plextv([
      'share',
      'Demo Server',
      'freeuser',
      '--libraries',
      'Movies,TV Shows,Music',
      '--allow-sync',
      '--filter-movies',
      'contentRating=G,PG',
    ]);
    expect(updated.code).toBe(ExitCode.OK);
    expect(updated.stdout).toBe(
      '✔ Updated the share of "Demo Server" with "freeuser" (free@plextv.test): Movies, TV Shows, Music (was Movies, TV Shows); sync on, movies filter contentRating=G,PG.\n',
    );
    expect(shareWith(FREE_ID)).toMatchObject({
      librarySectionIds: [DEMO_SECTION_IDS.movies, DEMO_SECTION_IDS.tvShows, DEMO_SECTION_IDS.music],
      settings: { allowSync: true, filterMovies: 'contentRating=G%2CPG' },
    });
    const table = rows(await plextv(['friends']));
    expect(table[0]?.slice(4)).toEqual([
      'Demo Server: Movies, TV Shows, Music',
      'sync, movies contentRating=G,PG',
    ]);

    // Only a setting: the libraries stay.
    const syncOff = await plextv(['share', 'Demo Server', 'freeuser', '--no-allow-sync', '--json']);
    expect(json(syncOff)).toMatchObject({
      ok: true,
      action: 'updated',
      libraries: null,
      settings: { allowSync: false },
    });
    expect(shareWith(FREE_ID)?.settings.allowSync).toBe(false);
    expect(shareWith(FREE_ID)?.librarySectionIds).toHaveLength(3);
    const nothing = await plextv(['share', 'Demo Server', 'freeuser']);
    expect(nothing.code).toBe(ExitCode.USAGE);
    expect(nothing.stderr).toMatch(
      /is already shared with "freeuser" .*pass --libraries, --all or a setting/,
    );

    // Unsharing asks first; then the share is gone and the friendship stays.
    const ask = await plextv(['unshare', 'Demo Server', 'freeuser']);
    expect(ask.code).toBe(ExitCode.USAGE);
    expect(ask.stderr).toMatch(/^error: Not unsharing "Demo Server" with "freeuser" .* pass --yes/);
    expect(shareWith(FREE_ID)).toBeDefined();
    const unshared = await plextv(['unshare', 'Demo Server', 'freeuser', '--yes']);
    expect(unshared.code).toBe(ExitCode.OK);
    expect(unshared.stdout).toBe('✔ "Demo Server" is no longer shared with "freeuser" (free@plextv.test).\n');
    expect(shareWith(FREE_ID)).toBeUndefined();
    expect(friendship(DEMO_ID, FREE_ID)?.status).toBe('accepted');
    const again = await plextv(['unshare', 'Demo Server', 'freeuser', '--yes']);
    expect(again.code).toBe(ExitCode.USAGE);
    expect(again.stderr).toBe(
      'error: "Demo Server" is not shared with "freeuser" (free@plextv.test): nothing to remove (it is shared with "Kids").\n',
    );

    const gone = await plextv(['friends', 'rm', 'freeuser', '--yes', '--json']);
    expect(json(gone)).toMatchObject({
      ok: true,
      removed: { id: FREE_ID, username: 'freeuser', servers: [] },
    });
    expect(friendship(DEMO_ID, FREE_ID)).toBeUndefined();
    const after = json<Array<{ username: string | null }>>(await plextv(['friends', '--json']));
    expect(after.map((f) => f.username)).not.toContain('freeuser');
  });

  test('share with --all and settings, with someone not yet a friend (by e-mail): pending until they accept', async () => {
    const result = await plextv([
      'share',
      'Demo Server',
      'carol@plextv.test',
      '--all',
      '--allow-tuners',
      '2',
      '--allow-camera-upload',
    ]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(
      '✔ Shared "Demo Server" with "carol@plextv.test": Movies, TV Shows, Music, Photos (camera upload on, Live TV 2).\n  They get access once they accept the invitation.\n',
    );
    const carol = shareWith(10000005);
    expect(carol?.settings).toMatchObject({ allowTuners: 2, allowCameraUpload: true });
  });

  test('refusals: a server shared with you (2), an account that may not (13), an unknown accept (2)', async () => {
    const notOwned = await plextv(['share', 'Demo Server', 'carol', '--all'], { token: FREE_TOKEN });
    expect(notOwned.code).toBe(ExitCode.USAGE);
    expect(notOwned.stderr).toBe(
      'error: "Demo Server" is shared with you by demo: only its owner can share it.\n',
    );
    const kids = await plextv(['friends', 'invite', 'carol'], { token: 'kids-token' });
    expect(kids.code).toBe(ExitCode.FORBIDDEN);
    expect(kids.stderr).toMatch(
      /refused POST \/api\/v2\/friends\/invite: this account may not do that \(HTTP 403, code 1043/,
    );
    const accept = await plextv(['friends', 'accept', 'nobody']);
    expect(accept.code).toBe(ExitCode.USAGE);
    expect(accept.stderr).toBe('error: No pending invitation from "nobody" (you have none).\n');
    const noServer = await plextv(['share', 'Nope', 'freeuser', '--all']);
    expect(noServer.code).toBe(ExitCode.USAGE);
    expect(noServer.stderr).toMatch(/^error: No server named "Nope" \(servers: "Demo Server"/);
  });
});

async function readConfig(): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(join(config.dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
