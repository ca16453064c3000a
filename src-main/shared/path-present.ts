import { lstat } from 'node:fs/promises';

/** Whether something (a file, a folder, a link, even a dangling one) is at the path; other errors are thrown. */
export async function pathPresent(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
