import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../doubletake/doubletake-state';
import { writeFileAtomic } from '../../shared/write-file-atomic';
import { labFailureSchema, sameLabFailure, type LabFailure } from './lab-failure';

/**
 * The failures pulled in a lab, kept in `<lab>/failures.json` so that the program, the cluster.exe and dtcl.exe
 * emulators and `exchange-ha lab fail|restore` agree on them. No file: nothing is failed.
 */
export const LAB_FAILURES_FILE = 'failures.json';
export const LAB_FAILURES_FORMAT = 'exchange-ha-lab-failures';

/** One failure pulled, with when (ISO 8601). */
const since = z.iso.datetime({ offset: true });
export const pulledFailureSchema = z.discriminatedUnion('kind', [
  labFailureSchema.options[0].extend({ since }),
  labFailureSchema.options[1].extend({ since }),
]);
export type PulledFailure = LabFailure & { readonly since: string };

const failuresFileSchema = z
  .object({
    format: z.literal(LAB_FAILURES_FORMAT),
    version: z.literal(1),
    failures: z.array(pulledFailureSchema).superRefine((failures, ctx) => {
      failures.forEach((failure, index) => {
        if (failures.findIndex((other) => sameLabFailure(other, failure)) !== index) {
          ctx.addIssue({ code: 'custom', path: [index], message: 'the same failure a second time' });
        }
      });
    }),
  })
  .strict();

/** A failures file that cannot be used: the message names the file and each bad field. */
export class LabFailuresFileError extends Error {
  override readonly name = 'LabFailuresFileError';
}

export function labFailuresFile(labFolder: string): string {
  return join(labFolder, LAB_FAILURES_FILE);
}

/** The failures pulled in the lab (none when there is no file); a damaged file is refused, naming it and the field. */
export function readLabFailures(labFolder: string): PulledFailure[] {
  const file = labFailuresFile(labFolder);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LabFailuresFileError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = failuresFileSchema.safeParse(value);
  if (!parsed.success) throw new LabFailuresFileError(`${file} is not valid:\n${describeZodError(parsed.error)}`);
  return parsed.data.failures;
}

/** Saves the failures atomically (temporary file, then rename). */
export async function writeLabFailures(labFolder: string, failures: readonly PulledFailure[]): Promise<void> {
  const body = { format: LAB_FAILURES_FORMAT, version: 1, failures };
  await writeFileAtomic(labFailuresFile(labFolder), Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8'));
}
