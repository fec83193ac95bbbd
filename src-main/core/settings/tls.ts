import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { DeskSettings } from '../../../src-shared/contract/settings';
import { writeAudit, type Actor } from '../audit/audit';
import type { Core } from '../core';
import { badInput } from '../errors';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** who the certificate names, and until when, for the console and the log */
  subject: string;
  validTo: string;
}

/**
 * Reads a certificate and its private key (PEM files) and checks that they are a pair, the way the
 * port will use them. Every problem is BAD_INPUT naming the file and the cause.
 */
export function loadTlsFiles(certFile: string, keyFile: string): TlsFiles {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw badInput(`the TLS ${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  };
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'key');
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(cert);
  } catch {
    throw badInput(`${certFile} is not a certificate in PEM form (it should begin with -----BEGIN CERTIFICATE-----)`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw badInput(
      /mismatch/i.test(why)
        ? `${keyFile} is not the private key of the certificate ${certFile} (they are not a pair)`
        : `the TLS key ${keyFile} cannot be used with ${certFile}: ${why}`,
    );
  }
  return { cert, key, subject: parsed.subject.replace(/\n/g, ', '), validTo: new Date(parsed.validTo).toISOString() };
}

/**
 * Puts the HTTP port on TLS with these files (or back on plain HTTP with nulls). Like the backup folder,
 * only the desk names them: the app's file dialogs, or `dialdesk serve --tls-cert --tls-key`. A pair
 * that does not load is refused and the settings stay as they were.
 */
export async function setTlsFiles(core: Core, actor: Actor, files: { cert: string; key: string } | null): Promise<DeskSettings> {
  const patch = files ? { tlsCertFile: resolve(files.cert), tlsKeyFile: resolve(files.key) } : { tlsCertFile: null, tlsKeyFile: null };
  if (patch.tlsCertFile && patch.tlsKeyFile) loadTlsFiles(patch.tlsCertFile, patch.tlsKeyFile);
  const before = core.desk.get();
  if (before.tlsCertFile === patch.tlsCertFile && before.tlsKeyFile === patch.tlsKeyFile) return before;
  const after = core.desk.set(patch);
  await writeAudit(
    core.db,
    actor,
    { companyId: null, entity: 'desk_settings', entityId: null, action: 'update', before, after },
    core.clock(),
  );
  return after;
}

/** The desk's TLS files, loaded for the port; null when the port is plain HTTP. */
export function deskTls(desk: DeskSettings): TlsFiles | null {
  return desk.tlsCertFile && desk.tlsKeyFile ? loadTlsFiles(desk.tlsCertFile, desk.tlsKeyFile) : null;
}
