/** Small address helpers shared by the listings, the geo table and the fake servers (browser-safe). */

/** `http://host:port`, with IPv6 literals in brackets. */
export function hostPortUri(protocol: string, address: string, port: number): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `${protocol}://${host}:${port}`;
}
