/** The emulator's own endpoints (control API, auth page back end): never logged nor faulted. */
export function isEmulatorPath(path: string): boolean {
  return path.startsWith('/__emulator/');
}
