/**
 * The wiring the dtcl.exe and cluster.exe emulators load the lab's Double-Take with, read from the lab's files: the
 * same failures and clusters the program sees, so a cut link stops an emulator's connection too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LAB_WRITE_BYTES_PER_SECOND } from '../../../../src-main/lab/doubletake/connection-progress';
import { loadDoubleTakeLab, saveDoubleTakeLab } from '../../../../src-main/lab/doubletake/doubletake-lab-file';
import { labDoubleTakeWiringFromFiles } from '../../../../src-main/lab/failures/lab-doubletake-wiring';
import { writeLabFailures } from '../../../../src-main/lab/failures/lab-failures-file';
import { writeClusterStore } from '../../../../src-main/lab/mscs/cluster-store-file';
import { createLabCluster } from '../../../../src-main/lab/mscs/lab-clusters';
import { exchangeClusterModel, GROUP } from '../exchange/exchange-lab-fixtures';

const T0 = Date.parse('2026-12-08T03:00:00Z');
let lab: string;
let clustersFile: string;

beforeEach(async () => {
  lab = await mkdtemp(join(tmpdir(), 'lab-wiring-'));
  clustersFile = join(lab, 'clusters.json');
  const source = exchangeClusterModel('source');
  source.onlineGroup(GROUP.name);
  const target = createLabCluster('target');
  writeClusterStore(
    clustersFile,
    new Map([
      [source.name, source],
      [target.name, target],
    ]),
  );
});
afterEach(async () => {
  await rm(lab, { recursive: true, force: true });
});

describe('the emulators\' view of the lab', () => {
  it('reaches the target cluster while nothing is pulled, not once the link is cut', async () => {
    const open = labDoubleTakeWiringFromFiles(lab, clustersFile, () => T0);
    expect(open.isTargetReachable('10.1.0.10', 'SRC1')).toBe(true);
    expect(open.isWriting('SRC1')).toBe(true);
    expect(open.isWriting('SRC2')).toBe(false);
    expect(open.holdsCopy('TGT1')).toBe(true);
    expect(open.holdsCopy('SRC1')).toBe(false);
    await writeLabFailures(lab, [{ kind: 'link', since: new Date(T0).toISOString() }]);
    const cut = labDoubleTakeWiringFromFiles(lab, clustersFile, () => T0);
    expect(cut.isTargetReachable('10.1.0.10', 'SRC1')).toBe(false);
    expect(cut.isNodeUp('SRC2')).toBe(true);
  });

  it('moves a connection loaded with it as the program would: the writes queue behind a cut link', async () => {
    let now = T0;
    const first = await loadDoubleTakeLab(lab, labDoubleTakeWiringFromFiles(lab, clustersFile, () => now));
    const src1 = first.server('SRC1');
    src1.createReplicationSet('Exchange');
    src1.saveReplicationSets();
    src1.connect('Exchange', '10.1.0.10');
    await saveDoubleTakeLab(lab, first);
    await writeLabFailures(lab, [{ kind: 'link', since: new Date(T0).toISOString() }]);
    now += 4000;
    const later = await loadDoubleTakeLab(lab, labDoubleTakeWiringFromFiles(lab, clustersFile, () => now));
    expect(later.server('SRC1').connection(1)).toMatchObject({ queuedReplicationBytes: 4 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND, lastEmptyAt: T0 });
  });
});
