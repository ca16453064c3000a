/**
 * `exchange-ha lab fail DIR source|target|link|split|node NODE` and `exchange-ha lab restore DIR …` (the same words):
 * pulls or restores one of the lab's failures (src-main/lab/failures/) and prints one line saying what was done and
 * what it means. Exit 0, also when there was nothing to do (it says so); 2 for bad words, a folder that is not a lab,
 * a node the lab does not have, a damaged failures file, or a lab another program has open (LabInUseError).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LAB_CLUSTERS_FILE, openLab } from '../../lab/lab';
import { LabFailureError } from '../../lab/failures/lab-failure-actions';
import { LAB_FAILURE_WORDS, LabFailureWordsError, parseLabFailureWords, type LabFailure } from '../../lab/failures/lab-failure';
import { LabFailuresFileError } from '../../lab/failures/lab-failures-file';
import { UsageError } from '../usage-error';
import type { SubcommandIo } from './subcommand';

export async function labFailureCommand(verb: 'fail' | 'restore', io: SubcommandIo): Promise<number> {
  const [dir, ...words] = io.args;
  const usage = `lab ${verb} DIR ${LAB_FAILURE_WORDS.join('|')}`;
  if (dir === undefined || dir.startsWith('-')) throw new UsageError(`lab ${verb} needs the lab folder first: ${usage}`);
  let failure: LabFailure;
  try {
    failure = parseLabFailureWords(words);
  } catch (e) {
    if (e instanceof LabFailureWordsError) throw new UsageError(`lab ${verb} ${dir}: ${e.message} (${usage})`);
    throw e;
  }
  const folder = resolve(io.cwd, dir);
  // Never make a lab here: lab init does that.
  if (!existsSync(join(folder, LAB_CLUSTERS_FILE))) {
    throw new UsageError(`${folder} is not a lab (it has no ${LAB_CLUSTERS_FILE}); make one with "exchange-ha lab init ${dir}".`);
  }
  let lab;
  try {
    lab = await openLab(folder, { now: io.now });
  } catch (e) {
    if (e instanceof LabFailuresFileError) throw new UsageError(`${e.message}\nNothing was changed; fix or delete the file and run again.`);
    throw e;
  }
  try {
    io.line(verb === 'fail' ? await lab.fail(failure) : await lab.restore(failure));
    return 0;
  } catch (e) {
    if (e instanceof LabFailureError) throw new UsageError(`${e.message} Nothing was changed.`);
    throw e;
  } finally {
    await lab.close();
  }
}
