import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLab, type Lab } from '../../../src-main/lab/lab';

let folder: string;
let lab: Lab;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'exch-ha-lab-'));
  lab = await openLab(folder);
});
afterEach(async () => {
  await lab.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the lab folder', () => {
  it('holds both clusters, Double-Take, the directory as LDIF and every node\'s disks', async () => {
    for (const file of ['clusters.json', 'doubletake.json', 'directory.ldif']) expect(existsSync(join(folder, file))).toBe(true);
    for (const node of ['SRC1', 'SRC2', 'TGT1', 'TGT2']) {
      const online = await readFile(join(folder, 'nodes', node, 'C', 'Program Files', 'DoubleTake', 'online.dtcl'), 'latin1');
      expect(online).toContain('$mirror = MIRROR START $conid DIFFERENT,CHECKSUM;\r\n');
      expect(online).not.toContain('ORPHANS');
      expect(online.replace(/\r\n/g, '')).not.toContain('\n');
    }
    const ldif = await readFile(join(folder, 'directory.ldif'), 'utf8');
    expect(ldif.match(/^dn::? /gm)?.length ?? 0).toBeGreaterThan(500);
    expect(ldif).toMatch(/^dn: CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=lab,DC=local$/im);
  });

  it('reads both clusters, up, with the cluster group online on the first node', async () => {
    const clusters = await lab.clusters();
    expect(clusters.map((c) => [c.name, c.up, c.nodes.map((n) => n.name)])).toEqual([
      ['SRCCLUS', true, ['SRC1', 'SRC2']],
      ['TGTCLUS', true, ['TGT1', 'TGT2']],
    ]);
    expect(clusters[0]?.groups.find((g) => g.name === 'Cluster Group')).toMatchObject({ state: 'Online', owner: 'SRC1' });
  });

  it('pulls the plug on one node: its groups move to the other node', async () => {
    await lab.power('SRC1', false);
    const [source] = await lab.clusters();
    expect(source?.nodes).toEqual([
      { name: 'SRC1', up: false, replication: [] },
      { name: 'SRC2', up: true, replication: [] },
    ]);
    expect(source?.groups.find((g) => g.name === 'Cluster Group')).toMatchObject({ state: 'Online', owner: 'SRC2' });
  });

  it('pulls the plug on a whole cluster: it answers nothing until powered again, and the state survives a restart', async () => {
    await lab.power('srcclus', false);
    expect((await lab.clusters())[0]).toMatchObject({ name: 'SRCCLUS', up: false, groups: [] });
    await expect(lab.source.groups()).rejects.toMatchObject({ code: 1722 });
    await expect(lab.nodeFiles.readFile('SRC2', 'C:\\Program Files\\DoubleTake\\online.dtcl')).rejects.toThrow();
    await lab.close();
    lab = await openLab(folder);
    expect((await lab.clusters())[0]?.up).toBe(false);
    await lab.power('SRCCLUS', true);
    expect((await lab.clusters())[0]).toMatchObject({ up: true });
    expect((await lab.source.groups()).find((g) => g.name === 'Cluster Group')?.state).toBe('Online');
  });

  it('refuses an unknown name and changes nothing', async () => {
    await expect(lab.power('EXCH1', false)).rejects.toThrow(/no cluster or node named "EXCH1"/);
    expect((await lab.clusters()).every((c) => c.up)).toBe(true);
  });
});
