import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPairDocument, PairDocumentError, readPairDocument, writePairDocument } from '../../../src-main/pair';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { validPairDocument } from './pair-arbitraries';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pair-document-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('readPairDocument / writePairDocument', () => {
  it('writes pretty JSON with a final newline and reads it back', async () => {
    const file = join(folder, 'lab.json');
    await writePairDocument(file, labPairDocument());
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`${JSON.stringify(labPairDocument(), null, 2)}\n`);
    expect(await readPairDocument(file)).toEqual(labPairDocument());
  });

  it('refuses to write an invalid document and leaves the file as it was', async () => {
    const file = join(folder, 'kept.json');
    await writeFile(file, 'before');
    const document = labPairDocument();
    document.source.ipAddress.subnetMask = '255.0.255.0';
    await expect(writePairDocument(file, document)).rejects.toBeInstanceOf(PairDocumentError);
    expect(await readFile(file, 'utf8')).toBe('before');
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a file that is not JSON as a PairDocumentError naming the file', async () => {
    const file = join(folder, 'broken.json');
    await writeFile(file, '{ "version": 1,');
    const error = await readPairDocument(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PairDocumentError);
    expect((error as PairDocumentError).message).toContain(file);
    expect((error as PairDocumentError).problems[0]?.path).toBe('(document)');
  });

  it('reads a file with a byte-order mark, and reports bad content with field paths', async () => {
    const file = join(folder, 'bom.json');
    const json = labPairDocument() as unknown as { monitor: Record<string, unknown> };
    json.monitor.monitoredAddress = 'ten';
    await writeFile(file, `\uFEFF${JSON.stringify(json)}`);
    const error = await readPairDocument(file).catch((e: unknown) => e);
    expect((error as PairDocumentError).problems.map((p) => p.path)).toEqual(['monitor.monitoredAddress']);
  });

  it('keeps any valid document unchanged through write and read', async () => {
    const file = join(folder, 'property.json');
    await fc.assert(
      fc.asyncProperty(validPairDocument(), async (document) => {
        const check = checkPairDocument(document);
        expect(check.ok ? [] : check.problems).toEqual([]);
        await writePairDocument(file, document);
        expect(await readPairDocument(file)).toEqual(document);
      }),
      { numRuns: 60 },
    );
  });
});
