/**
 * What a fake Plex Media Server answers on `/` (its root MediaContainer): the attributes clients
 * read when they connect (@ctrl/plex's and python-plexapi's `PlexServer._loadData`). No capture of
 * a PMS root exists in the reference set: the attribute set and values follow what those clients
 * read and python-plexapi's own server tests assert (e.g. `myPlexUsername` is the owner's e-mail),
 * so they are unverified.
 */

/** The owner of a fake server as its root reports it (read from the live state). */
export interface PmsOwner {
  email: string;
  /** The owner's Plex Pass features (`ownerFeatures`, comma-separated). */
  features: string[];
  subscriptionActive: boolean;
}

/** PMS 1.4x defaults for the transcoder lists (unverified). */
const VIDEO_BITRATES = '64,96,208,320,720,1500,2000,3000,4000,8000,10000,12000,20000';
const VIDEO_QUALITIES = '0,1,2,3,4,5,6,7,8,9,10,11,12';
const VIDEO_RESOLUTIONS = '128,128,160,240,320,480,768,720,720,1080,1080,1080,1080';

/** What the root says about the server itself (a PmsServerSpec has it). */
export interface PmsRootServer {
  name: string;
  platform: string;
  platformVersion: string;
  version: string;
}

export function rootAttributes(
  server: PmsRootServer,
  machineIdentifier: string,
  owner: PmsOwner | null,
): Array<[string, string | number | boolean]> {
  return [
    ['size', 0],
    ['allowCameraUpload', true],
    ['allowChannelAccess', true],
    ['allowMediaDeletion', true],
    ['allowSharing', true],
    ['allowSync', true],
    ['allowTuners', true],
    ['backgroundProcessing', true],
    ['certificate', true],
    ['claimed', true],
    ['companionProxy', true],
    ['diagnostics', 'logs,databases,streaminglogs'],
    ['eventStream', true],
    ['friendlyName', server.name],
    ['hubSearch', true],
    ['livetv', 7],
    ['machineIdentifier', machineIdentifier],
    ['multiuser', true],
    ['myPlex', owner !== null],
    ['myPlexMappingState', owner !== null ? 'mapped' : 'unknown'],
    ['myPlexSigninState', owner !== null ? 'ok' : 'none'],
    ['myPlexSubscription', owner?.subscriptionActive ?? false],
    ['myPlexUsername', owner?.email ?? ''],
    ['ownerFeatures', (owner?.features ?? []).join(',')],
    ['photoAutoTag', true],
    ['platform', server.platform],
    ['platformVersion', server.platformVersion],
    ['pluginHost', true],
    ['pushNotifications', false],
    ['readOnlyLibraries', false],
    ['streamingBrainABRVersion', 3],
    ['streamingBrainVersion', 2],
    ['sync', true],
    ['transcoderActiveVideoSessions', 0],
    ['transcoderAudio', true],
    ['transcoderLyrics', true],
    ['transcoderPhoto', true],
    ['transcoderSubtitles', true],
    ['transcoderVideo', true],
    ['transcoderVideoBitrates', VIDEO_BITRATES],
    ['transcoderVideoQualities', VIDEO_QUALITIES],
    ['transcoderVideoResolutions', VIDEO_RESOLUTIONS],
    ['updatedAt', 0],
    ['updater', true],
    ['version', server.version],
    ['voiceSearch', true],
  ];
}
