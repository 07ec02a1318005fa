/**
 * `run()` in-process for `home`, `friends`, `share` and `unshare`: argument errors (caught before anything
 * is sent), and the helpers behind them (filters, library selection, merging v1 users with v2 friends).
 */
import type { Friend, LibrarySection, PlexUser } from 'plextv';
import { createEmulator, DEMO_SERVER_ID, type Emulator } from 'plextv-emulator';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { describeShare, mergeFriends } from '../src/commands/friend-views.js';
import { checkPin, homeRole } from '../src/commands/home-members.js';
import { selectLibraries } from '../src/commands/share.js';
import { parseFilter, settingsOf } from '../src/commands/share-settings.js';
import { ExitCode, type Prompter, UsageError } from '../src/index.js';
import { findPerson, selectPerson } from '../src/people.js';
import { runIn, tempDir } from './helpers.js';

let config: { dir: string; cleanup: () => Promise<void> };
/** Fails the test if anything is sent: argument errors come before any request. */
const noFetch = vi.fn(async (): Promise<Response> => {
  throw new Error('nothing should be sent');
});

beforeEach(async () => {
  config = await tempDir();
  noFetch.mockClear();
});

afterEach(async () => {
  await config.cleanup();
  expect(noFetch).not.toHaveBeenCalled();
});

function plextv(args: string[], options: Parameters<typeof runIn>[1] = {}) {
  return runIn([...args, '--config-dir', config.dir], {
    fetch: noFetch as unknown as typeof fetch,
    env: { PLEX_TOKEN: 'demo-token' },
    ...options,
  });
}

describe('argument errors: exit 2, nothing sent', () => {
  test.each([
    [['home', 'add'], /missing required argument 'name'/],
    [
      ['home', 'add', 'Timmy', '--profile', 'toddler'],
      /--profile.*Allowed choices are little_kid, older_kid, teen/,
    ],
    [['home', 'switch'], /missing required argument 'member'/],
    [['home', 'switch', 'Kids', '--pin', '12a4'], /--pin: a Plex Home PIN is exactly 4 digits/],
    [['home', 'switch', 'Kids', '--pin', '12345'], /exactly 4 digits/],
    [['home', 'pin'], /needs a subcommand: set or remove/],
    [['home', 'pin', 'sett'], /unknown command 'sett' for 'plextv home pin'.*did you mean set/],
    [['home', 'pin', 'set', 'Kids', '--pin', '99'], /--pin: a Plex Home PIN is exactly 4 digits/],
    [['home', 'pin', 'set', 'Kids'], /Pass the new PIN with --pin/],
    [['home', 'remove'], /missing required argument 'member'/],
    [['home', 'swich'], /unknown command 'swich' for 'plextv home'.*did you mean switch/],
    [['friends', 'invite'], /missing required argument 'user'/],
    [['friends', 'accept'], /missing required argument 'invitation'/],
    [['friends', 'pendng'], /unknown command 'pendng' for 'plextv friends'.*did you mean pending/],
    [['friends', 'remove', 'a', 'b'], /too many arguments/],
    [['share', 'Demo Server'], /missing required argument 'user'/],
    [
      ['share', 'Demo Server', 'freeuser', '--all', '--libraries', 'Movies'],
      /--libraries and --all do not mix/,
    ],
    [
      ['share', 'Demo Server', 'freeuser', '--all', '--allow-tuners', '3'],
      /--allow-tuners.*0 \(no Live TV & DVR\), 1 or 2/,
    ],
    [
      ['share', 'Demo Server', 'freeuser', '--all', '--filter-movies', 'rating=G'],
      /--filter-movies: "rating=G" is not a filter/,
    ],
    [['share', 'Demo Server', 'freeuser', '--all', '--allow-sync', 'x'], /too many arguments/],
    [['unshare', 'Demo Server'], /missing required argument 'user'/],
  ])('plextv %j', async (args, message) => {
    const result = await plextv(args);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  test('--json: the usage error as a document on stdout', async () => {
    const result = await plextv(['home', 'switch', 'Kids', '--pin', 'abcd', '--json']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { code: 'USAGE', exitCode: 2, message: '--pin: a Plex Home PIN is exactly 4 digits.' },
    });
  });

  test('not logged in: exit 3 before anything is sent', async () => {
    for (const args of [['home'], ['friends'], ['share', 'S', 'u', '--all'], ['unshare', 'S', 'u']]) {
      const result = await plextv(args, { env: {} });
      expect(result.code).toBe(ExitCode.NOT_LOGGED_IN);
    }
  });

  test('help names the commands and exit codes 13 and 14', async () => {
    const help = await plextv(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['home', 'friends', 'share', 'unshare'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(help.stdout).toContain('13 plex.tv refused');
    expect(help.stdout).toContain('14 Home PIN required or wrong');
    const home = await plextv(['home', '--help']);
    expect(home.stdout).toMatch(/switch \[options\] <member>/);
    const share = await plextv(['share', '--help']);
    expect(share.stdout).toContain('--no-allow-sync');
    expect(share.stdout).toContain('--filter-movies <filter>');
  });
});

describe('helpers', () => {
  test('checkPin: four digits', () => {
    expect(checkPin(' 0042 ', '--pin')).toBe('0042');
    expect(() => checkPin('042', '--pin')).toThrow(UsageError);
  });

  test('homeRole', () => {
    expect(homeRole({ admin: true })).toBe('admin');
    expect(homeRole({ restricted: true })).toBe('managed');
    expect(homeRole({ restricted: true, guest: true })).toBe('guest');
    expect(homeRole({})).toBe('member');
  });

  test('parseFilter: as people write it → as plex.tv stores it; "" clears', () => {
    expect(parseFilter('contentRating=G,PG|label=kids', '--f')).toBe('contentRating=G%2CPG|label=kids');
    expect(parseFilter('contentRating!=R&label!=adult stuff', '--f')).toBe(
      'contentRating!=R|label!=adult%20stuff',
    );
    expect(parseFilter('contentRating=G%2CPG', '--f')).toBe('contentRating=G%2CPG');
    expect(parseFilter('', '--f')).toBe('');
    expect(() => parseFilter('genre=Horror', '--f')).toThrow(/not a filter/);
    expect(() => parseFilter('label=', '--f')).toThrow(/not a filter/);
  });

  test('settingsOf: only the settings given', () => {
    expect(settingsOf({})).toEqual({});
    expect(settingsOf({ allowSync: false, allowTuners: 2, filterMusic: '' })).toEqual({
      allowSync: false,
      allowTuners: 2,
      filterMusic: '',
    });
  });

  const sections: LibrarySection[] = [
    { id: '101', key: 1, title: 'Movies', type: 'movie', extra: {} },
    { id: '102', key: 2, title: 'TV Shows', type: 'show', extra: {} },
    { id: '103', key: 3, title: 'Music', type: 'artist', extra: {} },
  ];

  test('selectLibraries: by title (any case), plex.tv id or key; duplicates once; unknown ones listed', () => {
    expect(selectLibraries(sections, 'movies, TV SHOWS,Movies', '"S"').map((s) => s.id)).toEqual([
      '101',
      '102',
    ]);
    expect(selectLibraries(sections, '103,2', '"S"').map((s) => s.title)).toEqual(['Music', 'TV Shows']);
    expect(() => selectLibraries(sections, 'Movies,Anime,Photos', '"Demo Server"')).toThrow(
      'No libraries "Anime", "Photos" on "Demo Server" (libraries of "Demo Server": Movies, TV Shows, Music).',
    );
    expect(() => selectLibraries(sections, ' , ', '"S"')).toThrow(/name at least one library/);
  });

  test('findPerson / selectPerson: id, uuid, name, username or e-mail, any case; ambiguity and absence are usage errors', () => {
    const people = [
      { id: 1, uuid: 'u1', title: 'Alex', username: 'alex', email: 'a@x.test' },
      { id: 2, uuid: 'u2', title: 'Kids' },
      { id: 3, uuid: 'u3', title: 'alex', username: 'alex2' },
    ];
    expect(findPerson(people, 'KIDS', 'member')?.id).toBe(2);
    expect(findPerson(people, 'A@X.TEST', 'member')?.id).toBe(1);
    expect(findPerson(people, '3', 'member')?.id).toBe(3);
    expect(findPerson(people, 'u2', 'member')?.id).toBe(2);
    expect(findPerson(people, 'nobody', 'member')).toBeUndefined();
    expect(() => findPerson(people, 'Alex', 'member')).toThrow(
      /2 members are called "Alex".*name one by its id/,
    );
    expect(() => selectPerson(people.slice(1, 2), 'Bob', 'member', 'in your Plex Home')).toThrow(
      'No member "Bob" (in your Plex Home: "Kids").',
    );
  });

  test('mergeFriends: shares from v1, status/settings/libraries from v2; v2-only friends kept', () => {
    const users = [
      {
        id: 2,
        title: 'freeuser',
        username: 'freeuser',
        email: 'free@x.test',
        sharingSettings: { allowSync: false },
        servers: [{ id: 900, machineIdentifier: 'm1', name: 'Demo Server', numLibraries: 2, extra: {} }],
        extra: {},
      },
    ] as PlexUser[];
    const friends = [
      {
        id: 2,
        uuid: 'u2',
        status: 'accepted',
        sharingSettings: { allowSync: true, allowTuners: 2, filterMovies: 'contentRating=G%2CPG' },
        sharedServers: [
          {
            id: 900,
            machineIdentifier: 'm1',
            libraries: [
              { id: '101', title: 'Movies', extra: {} },
              { id: '102', title: 'TV Shows', extra: {} },
            ],
            extra: {},
          },
        ],
        sharedSources: [],
        extra: {},
      },
      {
        id: 5,
        uuid: 'u5',
        title: 'Only v2',
        status: 'accepted',
        sharedServers: [],
        sharedSources: [],
        extra: {},
      },
    ] as unknown as Friend[];
    const merged = mergeFriends(users, friends);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({
      id: 2,
      uuid: 'u2',
      status: 'accepted',
      sharingSettings: { allowSync: true, allowTuners: 2 },
      servers: [
        {
          id: 900,
          name: 'Demo Server',
          numLibraries: 2,
          libraries: [{ title: 'Movies' }, { title: 'TV Shows' }],
        },
      ],
    });
    expect(describeShare(merged[0]!.servers[0]!)).toBe('Demo Server: Movies, TV Shows');
    expect(merged[1]).toMatchObject({ id: 5, title: 'Only v2', servers: [] });
    expect(describeShare({ ...merged[0]!.servers[0]!, libraries: [], numLibraries: 1, pending: true })).toBe(
      'Demo Server: 1 library (pending)',
    );
  });
});

/** A prompter with scripted answers: `password` answers in order, `confirm` answers in order; records the questions. */
function scripted(passwords: string[], confirms: boolean[] = []): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    input: async (message) => {
      throw new Error(`unexpected prompt: ${message}`);
    },
    password: async (message, options) => {
      asked.push(message);
      const answer = passwords.shift();
      if (answer === undefined) throw new Error(`unexpected prompt: ${message}`);
      const valid = options?.validate?.(answer) ?? true;
      if (valid !== true) throw new Error(`invalid answer ${answer}: ${valid}`);
      return answer;
    },
    confirm: async (message) => {
      asked.push(message);
      const answer = confirms.shift();
      if (answer === undefined) throw new Error(`unexpected question: ${message}`);
      return answer;
    },
  };
}

describe('on a terminal: PIN prompts and confirmations (in-process, the emulator standing in for plex.tv)', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = createEmulator();
  });

  function asDemo(args: string[], prompter: Prompter, options: Parameters<typeof runIn>[1] = {}) {
    return runIn([...args, '--config-dir', config.dir], {
      fetch: emulator.fetch,
      env: { PLEX_TOKEN: 'demo-token' },
      interactive: true,
      prompter,
      ...options,
    });
  }

  const demoShare = () =>
    [...emulator.state.devices.values()]
      .find((d) => d.clientIdentifier === DEMO_SERVER_ID)
      ?.shares.find((s) => s.accountId === 10000002);

  test('switch to a protected member asks for the PIN (hidden), once', async () => {
    const prompter = scripted(['2468']);
    const result = await asDemo(['home', 'switch', 'Kids'], prompter);
    expect(result.code).toBe(ExitCode.OK);
    expect(prompter.asked).toEqual(['Home PIN for Kids']);
    expect(result.stdout).toMatch(/^✔ You are now Kids, a managed user \(little_kid\)\./);
    expect(result.stdout + result.stderr).not.toContain('2468');
  });

  test('a wrong PIN at the prompt: exit 14', async () => {
    const result = await asDemo(['home', 'switch', 'Kids'], scripted(['1111']));
    expect(result.code).toBe(ExitCode.HOME_PIN);
    expect(result.stderr).toBe('error: Wrong Home PIN for "Kids": plex.tv refused the switch.\n');
  });

  test('an unprotected member: no prompt', async () => {
    const prompter = scripted([]);
    const result = await asDemo(['home', 'switch', 'Guest'], prompter);
    expect(result.code).toBe(ExitCode.OK);
    expect(prompter.asked).toEqual([]);
  });

  test('pin set for a managed member asks for the new PIN twice; different answers change nothing', async () => {
    const differ = await asDemo(['home', 'pin', 'set', 'Kids'], scripted(['1111', '2222']));
    expect(differ.code).toBe(ExitCode.USAGE);
    expect(differ.stderr).toBe('error: The two PINs differ: nothing changed.\n');
    expect(emulator.state.accounts.get(10000003)?.homePin).toBe('2468');
    const prompter = scripted(['1111', '1111']);
    const same = await asDemo(['home', 'pin', 'set', 'Kids'], prompter);
    expect(same.code).toBe(ExitCode.OK);
    expect(prompter.asked).toEqual(['New Home PIN for Kids', 'The same PIN again']);
    expect(emulator.state.accounts.get(10000003)?.homePin).toBe('1111');
  });

  test('your own PIN: the current one is asked for', async () => {
    const prompter = scripted(['1357', '9999', '9999']);
    const result = await asDemo(['home', 'pin', 'set'], prompter);
    expect(result.code).toBe(ExitCode.OK);
    expect(prompter.asked).toEqual(['Your current Home PIN', 'New Home PIN for you', 'The same PIN again']);
    expect(emulator.state.accounts.get(10000001)?.homePin).toBe('9999');
  });

  test('unshare and friends remove ask (default no); no keeps everything, yes goes ahead', async () => {
    const no = scripted([], [false]);
    const kept = await asDemo(['unshare', 'Demo Server', 'freeuser'], no);
    expect(kept.code).toBe(ExitCode.OK);
    expect(kept.stdout).toBe('Nothing changed.\n');
    expect(no.asked).toEqual([
      'Stop sharing "Demo Server" (Movies, TV Shows) with "freeuser" (free@plextv.test)? They lose access to it; the friendship stays.',
    ]);
    expect(demoShare()).toBeDefined();
    const yes = await asDemo(['unshare', 'Demo Server', 'freeuser', '--json'], scripted([], [true]));
    expect(JSON.parse(yes.stdout)).toMatchObject({ ok: true, removed: { name: 'Demo Server' } });
    expect(demoShare()).toBeUndefined();

    const declined = await asDemo(['friends', 'remove', 'freeuser', '--json'], scripted([], [false]));
    expect(JSON.parse(declined.stdout)).toEqual({ ok: true, removed: null, cancelled: true });
    const question = scripted([], [true]);
    const removed = await asDemo(['home', 'remove', 'Kids'], question);
    expect(removed.code).toBe(ExitCode.OK);
    expect(question.asked[0]).toMatch(/^Delete the managed user "Kids"\? Their account and everything in it/);
    expect(emulator.state.accounts.has(10000003)).toBe(false);
  });
});
