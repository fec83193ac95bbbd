import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName } from '../src-shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../src-shared/bridge';
import { EVENT_NAMES, type DialdeskBridge, type EventName } from '../src-shared/events';

/**
 * The renderer's only door to the main process: invoke a contract channel, or listen to a contract
 * event. No raw ipcRenderer, no Node.
 */
const bridge: DialdeskBridge = {
  invoke(channel, arg) {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no channel named ${String(channel)}` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, arg ?? {});
  },
  on(event, fn) {
    if (!EVENT_NAMES.includes(event as EventName)) throw new Error(`preload: no event named ${String(event)}`);
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) fn(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  },
};

contextBridge.exposeInMainWorld('dialdesk', Object.freeze(bridge));
