/**
 * Reads a text file's lines from the last to the first without loading it whole: undo restores a journal newest
 * first, and the journal of a 100,000-mailbox failover is far larger than the engine's memory budget should allow
 * for it. Splitting on the newline byte is safe for UTF-8 (0x0A never occurs inside a multi-byte character).
 */
import { open } from 'node:fs/promises';

const CHUNK = 64 * 1024;

/** Yields the file's lines, last first, without their line ends (a final line end yields no empty line). */
export async function* linesBackwards(path: string): AsyncGenerator<string> {
  const file = await open(path, 'r');
  try {
    let position = (await file.stat()).size;
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    while (position > 0) {
      const size = Math.min(CHUNK, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      await file.read(chunk, 0, size, position);
      let data = Buffer.concat([chunk, carry]);
      let end = data.length;
      for (let index = data.length - 1; index >= 0; index -= 1) {
        if (data[index] !== 0x0a) continue;
        const line = data.subarray(index + 1, end);
        if (!(first && line.length === 0)) yield stripCr(line.toString('utf8'));
        first = false;
        end = index;
      }
      data = data.subarray(0, end);
      carry = Buffer.from(data);
    }
    if (carry.length > 0 || !first) yield stripCr(carry.toString('utf8'));
  } finally {
    await file.close();
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
