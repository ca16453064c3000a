import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../shared/write-file-atomic';
import { describeZodError } from '../doubletake/doubletake-state';
import { labExchangeStateSchema, type LabExchangeState } from './lab-exchange-state';

/** Where a lab keeps its Exchange's state: `<lab>/exchange.json`. */
export function labExchangeFile(labFolder: string): string {
  return join(labFolder, 'exchange.json');
}

/** A lab Exchange file that cannot be used; the message names the file and each bad field. */
export class LabExchangeStateError extends Error {
  override readonly name = 'LabExchangeStateError';
}

/** Checks a state as read from `source`, naming every bad field. */
export function parseLabExchangeState(value: unknown, source: string): LabExchangeState {
  const parsed = labExchangeStateSchema.safeParse(value);
  if (!parsed.success) throw new LabExchangeStateError(`${source} is not valid:\n${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** The saved state, or undefined when the lab has none yet. A damaged file is refused, never silently replaced. */
export async function loadLabExchangeState(labFolder: string): Promise<LabExchangeState | undefined> {
  const file = labExchangeFile(labFolder);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LabExchangeStateError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseLabExchangeState(value, file);
}

/** Saves atomically (temporary file, then rename): a crash leaves the old state or the new. */
export async function saveLabExchangeState(labFolder: string, state: LabExchangeState): Promise<void> {
  await writeFileAtomic(labExchangeFile(labFolder), Buffer.from(`${JSON.stringify(state, null, 2)}\n`, 'utf8'));
}
