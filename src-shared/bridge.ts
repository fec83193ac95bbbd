import type { ChannelName } from './contract';
import type { Envelope } from './errors';

/** Electron IPC channel names the preload and main agree on. */
export const INVOKE_CHANNEL = 'dialdesk:invoke';
export const EVENT_CHANNEL = 'dialdesk:event';

/** Under `dialdesk serve`: the header the console's session token travels in (never a cookie). */
export const SESSION_HEADER = 'x-dialdesk-session';
/** Under `dialdesk serve`: where a picked file's bytes go, and the header that names the file (URI-encoded). */
export const UPLOAD_ROUTE = '/rpc/upload';
export const UPLOAD_NAME_HEADER = 'x-dialdesk-file-name';

/** Channels that may answer UNAUTHENTICATED without meaning "your session ended" (a wrong password). */
const SIGN_IN_CHANNELS: ReadonlySet<string> = new Set<ChannelName>(['auth.login', 'auth.setup', 'auth.changePassword']);

/**
 * Whether a call's answer means the window is signed out: it signed out, or a refusal says the
 * session is gone (expired, ended elsewhere, the user deactivated). The one rule for both shells'
 * bridges and the renderer's client.
 */
export function endsSession(channel: string, envelope: Envelope<unknown>): boolean {
  if (channel === 'auth.logout' && envelope.ok) return true;
  return !envelope.ok && envelope.error.code === 'UNAUTHENTICATED' && !SIGN_IN_CHANNELS.has(channel);
}
