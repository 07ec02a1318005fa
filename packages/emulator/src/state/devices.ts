/** What a device provides (`provides="server,client"`): servers are resources that can be shared. */

export function providesList(provides: string): string[] {
  return provides
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function isServerProvides(provides: string): boolean {
  return providesList(provides).includes('server');
}
