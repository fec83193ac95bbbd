import type { ChannelName, Output, ParsedInput, SessionUser } from '../../src-shared/contract';
import type { Capability } from '../../src-shared/roles';
import type { Actor } from '../core/audit/audit';
import type { Core } from '../core/core';
import type { PickedFile } from '../../src-shared/contract/files';
import type { FileDelivery } from '../core/exports/delivery';
import type { OpenedFile } from './opened-files';

export interface Transport {
  kind: 'electron' | 'http';
  /** the peer's address for HTTP; null inside Electron */
  remoteAddress: string | null;
  /** first-run setup is accepted only from this machine */
  isLoopback: boolean;
}

/** The embedded HTTP port as the console's Settings see it; transport state, kept out of the core. */
export interface PortControl {
  /** where it listens ("127.0.0.1:8787"), null when it is off */
  listening(): string | null;
  /** restarts it after its desk settings changed; null where the port is fixed for the process (serve) */
  reconfigure: (() => Promise<void>) | null;
}

export interface HandlerContext {
  core: Core;
  port: PortControl;
  transport: Transport;
  /** null until signed in */
  user: SessionUser | null;
  actor: Actor;
  startSession(user: SessionUser): void;
  endSession(): void;
  /** files in and out of the desk, as this transport can offer them */
  files: DeskFiles;
  /**
   * Restarts the core on a restored backup once this call has answered (the app and serve, which own
   * the data folder); null where the process cannot restart itself.
   */
  restoreBackup: ((file: string) => void) | null;
}

/**
 * What a transport offers for files. Saving: a save dialog in Electron, a one-time download link
 * headless. Reading: only files behind a handle the transport made itself (a dialog, an upload).
 */
export interface DeskFiles extends FileDelivery {
  /** the desk's own dialogs; null where the console runs in a browser on another machine's screen (serve) */
  dialogs: DeskDialogs | null;
  /** the file behind a handle this session got, once; refused for any other handle */
  take(handle: string): OpenedFile;
}

export interface DeskDialogs {
  /** the open dialog; null when the user cancelled */
  pickOpen(): Promise<PickedFile | null>;
  /** a folder dialog; null when the user cancelled */
  chooseFolder(title: string): Promise<string | null>;
  /** an open dialog for one file the desk itself will read (a TLS certificate); null when cancelled */
  chooseFile(title: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
}

export type SignedInContext = HandlerContext & { user: SessionUser };

/**
 * One row of the handler table. `access` is checked before the handler runs: 'public' needs no
 * session, 'signedIn' any session, a capability the role that holds it (src-shared/roles.ts).
 * An input with a `companyId` is also checked against the user's company, centrally, in dispatch.
 */
export type Handler<C extends ChannelName> =
  | { access: 'public'; run(ctx: HandlerContext, input: ParsedInput<C>): Output<C> | Promise<Output<C>> }
  | {
      access: 'signedIn' | Capability;
      run(ctx: SignedInContext, input: ParsedInput<C>): Output<C> | Promise<Output<C>>;
    };

export type HandlerTable = { [C in ChannelName]: Handler<C> };

/** A domain's slice of the table, typed by the channels it serves. */
export type Handlers<C extends ChannelName> = { [K in C]: Handler<K> };
