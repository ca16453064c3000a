import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labFailuresFile, LabFailuresFileError, readLabFailures, writeLabFailures } from '../../../../src-main/lab/failures/lab-failures-file';

let lab: string;
beforeEach(async () => {
  lab = await mkdtemp(join(tmpdir(), 'lab-failures-'));
});
afterEach(async () => {
  await rm(lab, { recursive: true, force: true });
});

function refusal(): string {
  try {
    readLabFailures(lab);
  } catch (error) {
    expect(error).toBeInstanceOf(LabFailuresFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('<lab>/failures.json', () => {
  it('means nothing is failed when it is absent', () => {
    expect(readLabFailures(lab)).toEqual([]);
  });

  it('keeps the failures and when each was pulled, written atomically', async () => {
    const failures = [
      { kind: 'link' as const, since: '2026-12-08T03:00:00.000Z' },
      { kind: 'node' as const, node: 'SRC1', since: '2026-12-08T03:01:00.000Z' },
    ];
    await writeLabFailures(lab, failures);
    expect(await readdir(lab)).toEqual(['failures.json']);
    expect(readLabFailures(lab)).toEqual(failures);
    expect(JSON.parse(await readFile(labFailuresFile(lab), 'utf8'))).toMatchObject({ format: 'exchange-ha-lab-failures', version: 1 });
  });

  it('refuses a damaged file, naming it and the bad field', async () => {
    await writeFile(labFailuresFile(lab), '{"format":');
    expect(refusal()).toContain(`${labFailuresFile(lab)} is not valid JSON`);

    const body = (failures: unknown[]) => JSON.stringify({ format: 'exchange-ha-lab-failures', version: 1, failures });
    await writeFile(labFailuresFile(lab), body([{ kind: 'flood', since: '2026-12-08T03:00:00Z' }]));
    expect(refusal()).toContain('failures[0].kind:');
    await writeFile(labFailuresFile(lab), body([{ kind: 'node', node: 'a b', since: '2026-12-08T03:00:00Z' }]));
    expect(refusal()).toContain("failures[0].node: The node name 'a b' contains ' '");
    await writeFile(labFailuresFile(lab), body([{ kind: 'link', since: 'yesterday' }]));
    expect(refusal()).toContain('failures[0].since:');
    await writeFile(labFailuresFile(lab), body([{ kind: 'link', since: '2026-12-08T03:00:00Z' }, { kind: 'link', since: '2026-12-08T03:05:00Z' }]));
    expect(refusal()).toContain('failures[1]: the same failure a second time');
    await writeFile(labFailuresFile(lab), JSON.stringify({ format: 'exchange-ha-lab-failures', version: 2, failures: [] }));
    expect(refusal()).toContain('version:');
  });
});
