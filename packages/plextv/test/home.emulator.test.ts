/** Plex Home through the library against the emulator's one consistent state: the multi-step scenarios of the issue. */
import {
  createClient,
  createManagedUser,
  getHomeUsers,
  getUser,
  HomePinRequiredError,
  removeHomeUser,
  setManagedUserHomePin,
  switchHomeUser,
} from 'plextv';
import { createEmulator } from 'plextv-emulator';
import { beforeEach, describe, expect, test } from 'vitest';

const emulator = createEmulator();
const client = (token: string) =>
  createClient({
    clientIdentifier: 'home-tests',
    baseUrl: 'https://plex.tv',
    fetch: emulator.fetch.bind(emulator),
    token,
  });
const demo = () => client('demo-token');

beforeEach(() => emulator.control.reset());

describe('Home', () => {
  test('create a managed user → set its PIN → switch with a wrong PIN → switch with the right one → act as that user', async () => {
    const before = await getHomeUsers(demo());
    const teen = await createManagedUser(demo(), { name: 'Teen', restrictionProfile: 'teen' });
    expect(teen).toMatchObject({ title: 'Teen', restricted: true });
    expect(teen.username).toBeUndefined();
    expect(teen.email).toBeUndefined();
    const after = await getHomeUsers(demo());
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((u) => u.id === teen.id)?.restrictionProfile).toBe('teen');

    await setManagedUserHomePin(demo(), teen.id, '4321');
    const wrong = await switchHomeUser(demo(), teen, { pin: '0000' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(HomePinRequiredError);
    expect((wrong as HomePinRequiredError).code).toBe(1041);
    expect(String(wrong)).not.toContain('0000');
    await expect(switchHomeUser(demo(), teen)).rejects.toBeInstanceOf(HomePinRequiredError);

    const { account, client: asTeen } = await switchHomeUser(demo(), teen, { pin: '4321' });
    expect(account).toMatchObject({ id: teen.id, restricted: true });
    const me = await getUser(asTeen);
    expect(me.id).toBe(teen.id);
    expect(asTeen.getToken()).not.toBe('demo-token');

    await removeHomeUser(demo(), teen.id);
    expect((await getHomeUsers(demo())).map((u) => u.id)).not.toContain(teen.id);
  });

  test('the seeded Kids member needs its PIN (2468)', async () => {
    const kids = (await getHomeUsers(demo())).find((u) => u.restricted && !u.guest)!;
    expect(kids.protected).toBe(true);
    await expect(switchHomeUser(demo(), kids, { pin: '1111' })).rejects.toBeInstanceOf(HomePinRequiredError);
    const { account } = await switchHomeUser(demo(), kids, { pin: '2468' });
    expect(account.restrictionProfile).toBe('little_kid');
  });
});
