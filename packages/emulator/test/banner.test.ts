import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { bannerLines } from '../src/server/banner.js';
import type { RunningServer } from '../src/server/listen.js';

function server(stateFile: RunningServer['stateFile'] = null): RunningServer {
  return { url: 'http://127.0.0.1:32400', port: 32400, stateFile, close: async () => {} };
}

describe('the start banner', () => {
  it('the URL first, then where the state lives: in memory says it is lost and how to keep it', () => {
    const lines = bannerLines(createEmulator(), server(), { controlSecret: false });
    expect(lines[0]).toBe('plextv-emulator listening on http://127.0.0.1:32400');
    expect(lines[1]).toBe(
      'State: in memory, lost on exit (start with --state FILE to keep it across restarts)',
    );
  });

  it('with a state file: its path, and whether the world was restored from it', () => {
    const fresh = bannerLines(createEmulator(), server({ path: '/srv/w.json', restored: false }), {
      controlSecret: false,
    });
    expect(fresh[1]).toBe(
      'State: /srv/w.json (new, from the seed; written after every change and on exit, mode 0600)',
    );
    const restored = bannerLines(createEmulator(), server({ path: '/srv/w.json', restored: true }), {
      controlSecret: false,
    });
    expect(restored[1]).toMatch(/^State: \/srv\/w\.json \(restored from it;/);
  });

  it('lists every account with its password, 2FA code and Home PIN when seeded, and its tokens', () => {
    const text = bannerLines(createEmulator(), server(), { controlSecret: false }).join('\n');
    expect(text).toContain(
      '  demo <demo@plextv.test>  [Plex Pass, 2FA, Demo Home admin, Home PIN 1357]  id 10000001  password demo-password  2FA code 123456  token demo-token',
    );
    expect(text).toMatch(
      / {2}freeuser <free@plextv\.test> {2}\[free\] {2}id \d+ {2}password free-password {2}token free-token\n/,
    );
    expect(text).toContain('password carol-password');
    // A managed user has no password: none is printed.
    expect(text).toMatch(
      /\(managed: Kids\) {2}\[free, Demo Home member, Home PIN 2468\] {2}id \d+ {2}token /,
    );
    expect(text).not.toContain('password null');
  });

  it('the control secret is never printed, only how to send it', () => {
    const text = bannerLines(createEmulator(), server(), { controlSecret: true }).join('\n');
    expect(text).toContain("send the control secret as 'X-Emulator-Secret: <secret>'");
    expect(text).toContain("curl -X POST -H 'X-Emulator-Secret: <secret>'");
  });
});
