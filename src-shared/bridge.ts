/** Electron IPC channel names the preload and main agree on. */
export const INVOKE_CHANNEL = 'dialdesk:invoke';
export const EVENT_CHANNEL = 'dialdesk:event';
