import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LabExchangeStateError,
  labExchangeFile,
  loadLabExchangeState,
  saveLabExchangeState,
} from '../../../../src-main/lab/exchange/lab-exchange-file';
import { emptyLabExchangeState, type LabExchangeState } from '../../../../src-main/lab/exchange/lab-exchange-state';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'lab-exchange-file-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const AT = '2026-12-08T03:00:00.000Z';
const STORE = 'CN=Mailbox Store (EXCHVS),CN=First Storage Group,CN=InformationStore,CN=EXCHVS,DC=lab,DC=local';

function sample(): LabExchangeState {
  return {
    ...emptyLabExchangeState(),
    files: [{ cluster: 'SRCCLUS', path: 'E:\\Exchsrvr\\mdbdata\\priv1.edb', lastMountedBy: 'EXCHVS', at: AT }],
    stores: [{ dn: STORE, server: 'EXCHVS', mountedOn: null, event: { id: 1087, text: 'refused', at: AT } }],
    appliedMirrors: [{ node: 'SRC1', connectionId: 1, replicationSet: 'Exchange', target: '10.1.0.21', bytesToMirror: 10 }],
  };
}

async function writeState(value: unknown): Promise<void> {
  await writeFile(labExchangeFile(folder), JSON.stringify(value));
}

async function refusal(): Promise<string> {
  const error = await loadLabExchangeState(folder).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabExchangeStateError);
  return (error as Error).message;
}

describe('<lab>/exchange.json', () => {
  it('is absent in a new lab, and reads back what was saved', async () => {
    expect(await loadLabExchangeState(folder)).toBeUndefined();
    await saveLabExchangeState(folder, sample());
    expect(await loadLabExchangeState(folder)).toEqual(sample());
    expect(JSON.parse(await readFile(labExchangeFile(folder), 'utf8'))).toEqual(sample());
  });

  it('refuses a file that is not JSON, naming it', async () => {
    await writeFile(labExchangeFile(folder), '{ not json');
    expect(await refusal()).toMatch(new RegExp(`^${labExchangeFile(folder).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} is not valid JSON`));
  });

  it('names each bad field', async () => {
    const bad = sample() as unknown as { files: { path: string }[]; stores: { event: { id: number } }[]; appliedMirrors: { connectionId: number }[] };
    bad.files[0]!.path = 'relative\\priv1.edb';
    bad.stores[0]!.event.id = 1000;
    bad.appliedMirrors[0]!.connectionId = 0;
    await writeState(bad);
    const message = await refusal();
    expect(message).toContain(`${labExchangeFile(folder)} is not valid:`);
    expect(message).toMatch(/^files\[0\]\.path: /m);
    expect(message).toMatch(/^stores\[0\]\.event\.id: /m);
    expect(message).toMatch(/^appliedMirrors\[0\]\.connectionId: /m);
  });

  it('refuses a file recorded twice on one cluster, a store twice and an unknown field', async () => {
    const state = sample();
    await writeState({
      ...state,
      files: [...state.files, { ...state.files[0]!, path: 'e:\\EXCHSRVR\\mdbdata\\PRIV1.edb' }],
      stores: [...state.stores, { ...state.stores[0]!, dn: STORE.toLowerCase() }],
      extra: true,
    });
    const message = await refusal();
    expect(message).toMatch(/^files\[1\]\.path: a second record of e:\\EXCHSRVR\\mdbdata\\PRIV1\.edb on SRCCLUS/m);
    expect(message).toMatch(/^stores\[1\]\.dn: a second record of /m);
    expect(message).toMatch(/extra/);
  });
});
