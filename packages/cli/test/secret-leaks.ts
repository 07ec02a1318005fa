/** What secrets.test.ts and secrets.e2e.test.ts look for: the known passwords and codes, and leaks of them. */

export const PASSWORDS: Record<string, string> = { demo: 'demo-password', freeuser: 'free-password' };
export const CODE = '123456';
export const WRONG_PASSWORD = 'wrong-password-0123';
/**
 * Short secrets (Home PINs, two-factor codes): never printed as a number of their own (not inside an id, a
 * token, a time, a port or a JSON number).
 */
export const SHORT_SECRETS = /(?<![\w.:/-]|: )(1357|2468|4321|1111|123456|654321)(?![\w:-]|\s?ms\b)/;

/** The secrets in `text`, by name (never the secret itself in a failure message: its first characters). */
export function leaked(text: string, secrets: string[]): string[] {
  const found = secrets
    .filter((s) => text.includes(s))
    .map((s) => {
      const at = text.indexOf(s);
      const around = `${text.slice(Math.max(0, at - 60), at)}<SECRET>${text.slice(at + s.length, at + s.length + 20)}`;
      return `${s.slice(0, 6)}…(${s.length} chars) in "${around.replace(/\s+/g, ' ')}"`;
    });
  const short = SHORT_SECRETS.exec(text);
  if (short)
    found.push(
      `a PIN/code ${short[1]!.slice(0, 1)}… at "${text.slice(Math.max(0, short.index - 20), short.index)}"`,
    );
  return found;
}
