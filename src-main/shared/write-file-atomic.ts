import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What may be written: whole bytes, or text chunks produced lazily (a large LDIF is never held as one string). */
export type AtomicContent = Uint8Array | Iterable<string>;

const BATCH_CHARACTERS = 1 << 16;

/**
 * Writes a file so that readers see either the old content or the new, never half: a temporary file beside the
 * target (same folder, so the same volume), flushed to disk, renamed over the target, then the folder flushed so
 * the rename itself survives a power cut. A failed write removes its temporary file and leaves the target as it was.
 */
export async function writeFileAtomic(target: string, content: AtomicContent): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      if (content instanceof Uint8Array) {
        await handle.writeFile(content);
      } else {
        let batch = '';
        for (const chunk of content) {
          batch += chunk;
          if (batch.length >= BATCH_CHARACTERS) {
            await handle.write(batch);
            batch = '';
          }
        }
        if (batch.length > 0) await handle.write(batch);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dirname(target));
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot flush a folder; the rename is still atomic there.
  }
}
