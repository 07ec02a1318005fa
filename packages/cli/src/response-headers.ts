/**
 * The headers of an answer from the CLI's fetch (http-fetch.ts), read-only, with the `Headers` methods a
 * reader uses: names case-insensitive, repeated ones joined with `, ` (`getSetCookie()` keeps cookies apart),
 * iteration in sorted lowercase order. Not the global `Headers`, whose first use loads undici on Node 20.
 */
export class ResponseHeaders {
  readonly #values = new Map<string, string[]>();

  /** `raw`: node:http's `rawHeaders`, names and values alternating. */
  constructor(raw: readonly string[] = []) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const list = this.#values.get(name);
      if (list) list.push(raw[i + 1]!);
      else this.#values.set(name, [raw[i + 1]!]);
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase())?.join(', ') ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  forEach(callback: (value: string, name: string, headers: ResponseHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) yield [name, this.get(name)!];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
