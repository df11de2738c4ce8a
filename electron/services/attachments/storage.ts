import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ATTACHMENTS_DIR } from '../../db/backup-folder';

/**
 * Where attachment files live, and the few file operations the store needs, each durable:
 *
 *   <dataDir>/attachments/<ab>/<abcdef…64 hex>            the file, named by its SHA-256
 *   <dataDir>/attachments/<ab>/<abcdef…64 hex>.thumb.jpg  its thumbnail (images)
 *   <dataDir>/attachments-incoming/<random>.upload        a file received, not yet attached
 *   <dataDir>/attachments-incoming/<random>.thumb         its thumbnail
 *
 * attachments/ is what every backup copies and every restore swaps (electron/db/backup-folder.ts);
 * incoming files are no one's yet and stay out of backups. Both folders are on the data folder's
 * disk, so a file moves (links) into place without being copied.
 */

export const INCOMING_DIR = 'attachments-incoming';
export const THUMB_SUFFIX = '.thumb.jpg';
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const attachmentsDir = (dataDir: string) => path.join(dataDir, ATTACHMENTS_DIR);
export const incomingDir = (dataDir: string) => path.join(dataDir, INCOMING_DIR);
export const blobFile = (dataDir: string, sha256: string) => path.join(attachmentsDir(dataDir), sha256.slice(0, 2), sha256);
export const thumbFile = (dataDir: string, sha256: string) => `${blobFile(dataDir, sha256)}${THUMB_SUFFIX}`;

/** A fresh name in the incoming folder (created if needed). */
export function incomingName(dataDir: string, suffix: '.upload' | '.thumb'): string {
  const dir = incomingDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${crypto.randomBytes(16).toString('hex')}${suffix}`);
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a new name in `dir` durable where the OS allows it (Windows cannot open folders: best effort). */
export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort
  }
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Puts `source` (an incoming file, kept) at `target`, flushed to disk, through a hard link where
 * the disk allows one (no copy), else a copy under a temporary name renamed into place. Returns
 * false when `target` was already there with the right content (left as it is).
 */
export async function placeFile(source: string, target: string, expectSha256: string | null): Promise<boolean> {
  if (fs.existsSync(target)) {
    if (expectSha256 === null || (await sha256OfFile(target)) === expectSha256) return false;
    await fsp.rm(target, { force: true }); // a damaged leftover nothing refers to: replaced
  }
  const dir = path.dirname(target);
  await fsp.mkdir(dir, { recursive: true });
  try {
    await fsp.link(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    try {
      await fsp.copyFile(source, temp, fs.constants.COPYFILE_EXCL);
      await fsyncFile(temp);
      await fsp.rename(temp, target);
    } catch (copyError) {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw copyError;
    }
  }
  await fsyncFile(target);
  fsyncDir(dir);
  return true;
}

/** Removes a file; true if it is gone (or was never there). A file in use (Windows) stays for the next sweep. */
export async function removeFile(file: string): Promise<boolean> {
  try {
    await fsp.rm(file, { force: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * One writer of the attachments folder at a time per data folder: placing a file and committing
 * its row, committing a removal and deleting the file, and the sweep, each run whole under this
 * lock, so none of them can see the others half done (a file placed but not yet committed is not
 * an orphan; a file whose row was just deleted is not re-used by an attach in between).
 */
const locks = new Map<string, Promise<unknown>>();

export async function withAttachmentFiles<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(dataDir);
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(key, settled);
  try {
    return await run;
  } finally {
    if (locks.get(key) === settled) locks.delete(key);
  }
}
