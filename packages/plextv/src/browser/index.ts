/**
 * plextv/browser: "Sign in with Plex" for web pages (popup and redirect modes, legacy token or Plex JWT).
 * No Node built-ins; bundle it with anything.
 * @packageDocumentation
 */
export {
  type BrowserWindow,
  type CompleteSignInOptions,
  completeSignInWithPlex,
  type PopupWindow,
  type SignInOutcome,
  type SignInWithPlexOptions,
  signInWithPlex,
} from './sign-in-with-plex.js';
