import { describe, expect, it } from 'vitest';
import { emulateClusterExe } from '../../../../src-main/lab/mscs/cluster-exe-emulation';
import { createLabClusters } from '../../../../src-main/lab/mscs/lab-clusters';
import { EX, exchangeCluster } from './fixtures';

function clusters() {
  const all = createLabClusters();
  all.set('SRCCLUS', exchangeCluster());
  return all;
}

describe('cluster.exe emulation', () => {
  it('creates a group with the progress line and a status table', () => {
    const all = clusters();
    const run = emulateClusterExe(all, ['SRCCLUS', 'group', 'Mail', '/create']);
    expect(run).toMatchObject({ exitCode: 0, changed: true, stderr: '' });
    expect(run.stdout).toBe(
      [
        "Creating resource group 'Mail'...",
        '',
        'Group                Node            Status',
        '-------------------- --------------- ------',
        'Mail                 SRC1            Offline',
        '',
      ].join('\n'),
    );
    expect(all.get('SRCCLUS')!.group('Mail').state).toBe('Offline');
  });

  it('exits with the Win32 number and prints "System error N has occurred" on a refusal', () => {
    const all = clusters();
    all.get('SRCCLUS')!.onlineResource(EX.name);
    const before = JSON.stringify(all.get('SRCCLUS'));
    const run = emulateClusterExe(all, ['SRCCLUS', 'res', EX.name, `/adddep:${EX.disk}`]);
    expect(run.exitCode).toBe(5019);
    expect(run.changed).toBe(false);
    expect(run.stdout).toBe(`Making resource '${EX.name}' depend on resource '${EX.disk}'...\n`);
    expect(run.stderr).toBe(
      'System error 5019 has occurred (0x0000139b).\nThe operation could not be completed because the cluster resource is online.\n',
    );
    expect(JSON.stringify(all.get('SRCCLUS'))).toBe(before);
  });

  it('types /priv values by the resource type: DWORD Signature in decimal or hex, strings kept', () => {
    const all = clusters();
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.disk, '/priv', 'Signature=0x10', 'Drive=F:']).exitCode).toBe(0);
    expect(all.get('SRCCLUS')!.resource(EX.disk).privateProperties).toMatchObject({ Signature: 16, Drive: 'F:' });
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.disk, '/priv', 'Signature=disk']).exitCode).toBe(87);
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/priv', 'Address=10.0.0.300']).exitCode).toBe(87);
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/priv', 'Custom:DWORD=7', 'Note=12']).exitCode).toBe(0);
    expect(all.get('SRCCLUS')!.resource(EX.ip).privateProperties).toMatchObject({ Custom: 7, Note: 12 });
  });

  it('prints a warning and succeeds when properties of an online resource are stored (5024)', () => {
    const all = clusters();
    all.get('SRCCLUS')!.onlineResource(EX.ip);
    const run = emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/priv', 'Address=10.0.0.9']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^System warning 5024 \(0x000013a0\)\./);
  });

  it('answers 87 for bad syntax and 1722 for an unknown cluster', () => {
    const all = clusters();
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/frobnicate']).exitCode).toBe(87);
    expect(emulateClusterExe(all, ['SRCCLUS', 'printer']).exitCode).toBe(87);
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', 'X', '/create', '/group:G']).exitCode).toBe(87);
    expect(emulateClusterExe(all, ['NOCLUS', 'group']).exitCode).toBe(1722);
  });

  it('answers 1722 for everything but starting a node once every node is down', () => {
    const all = clusters();
    expect(emulateClusterExe(all, ['SRCCLUS', 'node', 'SRC1', '/stop']).exitCode).toBe(0);
    expect(emulateClusterExe(all, ['SRCCLUS', 'node', 'SRC2', '/stop']).exitCode).toBe(0);
    expect(emulateClusterExe(all, ['SRCCLUS', 'group']).exitCode).toBe(1722);
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/online']).exitCode).toBe(1722);
    expect(emulateClusterExe(all, ['SRCCLUS', 'node', 'SRC1', '/start']).exitCode).toBe(0);
    expect(emulateClusterExe(all, ['SRCCLUS', 'group', 'Cluster Group']).stdout).toMatch(/Cluster Group\s+SRC1\s+Online/);
  });

  it('lists dependencies, owners and properties', () => {
    const all = clusters();
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.sa, '/listdep']).stdout).toBe(
      [
        `Listing resource dependencies for '${EX.sa}':`,
        '',
        'Resource             Group                Node            Status',
        '-------------------- -------------------- --------------- ------',
        'Exchange Name        Exchange Group       SRC1            Offline',
        'Disk E:              Exchange Group       SRC1            Offline',
        '',
      ].join('\n'),
    );
    all.get('SRCCLUS')!.setGroupPreferredOwners(EX.group, ['SRC2']);
    expect(emulateClusterExe(all, ['SRCCLUS', 'group', EX.group, '/listowners']).stdout).toBe(
      `Listing preferred owners for resource group '${EX.group}':\n\nPreferred Owner Nodes\n---------------------\nSRC2\n`,
    );
    const priv = emulateClusterExe(all, ['SRCCLUS', 'res', EX.disk, '/priv']).stdout;
    expect(priv).toContain('D  Disk E:              Signature                      305441741 (0x1234abcd)');
    expect(priv).toContain('S  Disk E:              Drive                          E:');
    const prop = emulateClusterExe(all, ['SRCCLUS', 'res', EX.sa, '/prop']).stdout;
    expect(prop).toContain('S  Exchange System Attendant Type                           Microsoft Exchange System Attendant');
  });

  it('accepts abbreviations and /cluster: naming', () => {
    const all = clusters();
    expect(emulateClusterExe(all, ['/cluster:srcclus', 'resource', EX.ip, '/on']).exitCode).toBe(0);
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/status']).stdout).toMatch(/Exchange IP\s+Exchange Group\s+SRC1\s+Online/);
    expect(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/off']).exitCode).toBe(0);
  });
});
