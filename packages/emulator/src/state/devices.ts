/** Devices: what one provides (`provides="server,client"`; servers can be shared), and removing one. */

import type { Device, EmulatorState } from './model.js';

export function providesList(provides: string): string[] {
  return provides
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** What a client says it runs on (X-Plex-Platform, -Platform-Version, -Device, -Model, -Vendor). */
export const DEVICE_DESCRIPTION_KEYS = ['platform', 'platformVersion', 'device', 'model', 'vendor'] as const;

type DeviceDescription = Pick<Device, (typeof DEVICE_DESCRIPTION_KEYS)[number]>;

/** A device's description from a seed or a sign-in's headers: plex.tv lists what was not said as "". */
export function deviceDescription(
  from: {
    readonly [K in keyof DeviceDescription]?: string | null;
  },
): DeviceDescription {
  return {
    platform: from.platform ?? '',
    platformVersion: from.platformVersion ?? '',
    device: from.device ?? '',
    model: from.model ?? '',
    vendor: from.vendor ?? '',
  };
}

export function isServerProvides(provides: string): boolean {
  return providesList(provides).includes('server');
}

/** Removing a device signs it out: its token, and every token or JWT key its client made for the owner. */
export function removeDevice(state: EmulatorState, device: Device): void {
  state.devices.delete(device.id);
  state.tokens.delete(device.token);
  for (const [value, token] of state.tokens) {
    if (token.accountId === device.ownerId && token.clientIdentifier === device.clientIdentifier)
      state.tokens.delete(value);
  }
  for (const [id, key] of state.deviceKeys) {
    if (key.accountId === device.ownerId && key.clientIdentifier === device.clientIdentifier)
      state.deviceKeys.delete(id);
  }
}
