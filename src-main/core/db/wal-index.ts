import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * How far the WAL has been copied back, read from the WAL-index (the -shm file) without asking
 * SQLite: the only pragma that answers it (wal_checkpoint) also runs a checkpoint.
 *
 * Layout (sqlite.org/walformat.html, "the WAL-index header"): two copies of a 48-byte header, the
 * first at offset 0, with mxFrame (the last valid frame) at offset 16; then the checkpoint info at
 * offset 96, starting with nBackfill (the frames already copied into the database). Both are 32-bit
 * in the machine's byte order. A read races a writer on another connection at worst by one commit;
 * the answer is advice for when to checkpoint, never used for correctness.
 */
export interface WalProgress {
  /** frames in the WAL */
  frames: number;
  /** frames of them already copied into the database file */
  copied: number;
}

const HEADER_BYTES = 100;
const MX_FRAME = 16;
const N_BACKFILL = 96;

export class WalIndex {
  private fd: number | null = null;
  private readonly buffer = Buffer.alloc(HEADER_BYTES);
  private readonly read32 = endianness() === 'LE' ? this.buffer.readUInt32LE.bind(this.buffer) : this.buffer.readUInt32BE.bind(this.buffer);

  constructor(private readonly databaseFile: string) {}

  /** null while there is no WAL-index to read (the database is not open in WAL mode yet) */
  progress(): WalProgress | null {
    if (this.fd === null) {
      const shm = `${this.databaseFile}-shm`;
      if (!existsSync(shm)) return null;
      this.fd = openSync(shm, 'r');
    }
    if (readSync(this.fd, this.buffer, 0, HEADER_BYTES, 0) < HEADER_BYTES) return null;
    return { frames: this.read32(MX_FRAME), copied: this.read32(N_BACKFILL) };
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
