import { createHash } from 'node:crypto';

/**
 * The Exchange data the lab puts on each cluster's shared disk (`E:\Exchsrvr`): the default storage group's private
 * and public stores with their log, and two storage groups (Indy, Boston) whose stores share the file name
 * `Sales.edb` — the case the guide's `-r` pairing rules exist for. Contents are small and made-up, but differ per
 * node, so a mirror between source and target has something to compare.
 */

/** Paths below `E:\Exchsrvr`, as Exchange 2003 names them. */
export const EXCHANGE_DATA_FILES: readonly string[] = [
  'mdbdata\\priv1.edb',
  'mdbdata\\priv1.stm',
  'mdbdata\\pub1.edb',
  'mdbdata\\pub1.stm',
  'mdbdata\\E00.log',
  'Indy\\Sales.edb',
  'Indy\\Sales.stm',
  'Boston\\Sales.edb',
  'Boston\\Sales.stm',
];

/** ESE database files begin with a checksum and this magic number (little-endian 0x89ABCDEF). */
const ESE_MAGIC = Buffer.from([0xef, 0xcd, 0xab, 0x89]);
/** Exchange 2003 database pages are 4 KiB; one page is enough to stand for a store in the lab. */
const PAGE_SIZE = 4096;

/**
 * The bytes of one lab data file on one node: a header naming node and file, then a deterministic pattern, so two
 * nodes' copies differ and re-seeding produces the same bytes.
 */
export function exchangeDataFileContent(node: string, relativePath: string): Buffer {
  const page = Buffer.alloc(PAGE_SIZE);
  const isDatabase = /\.(edb|stm)$/i.test(relativePath);
  let offset = 0;
  if (isDatabase) {
    offset += 4; // checksum, left zero
    ESE_MAGIC.copy(page, offset);
    offset += ESE_MAGIC.length;
  }
  offset += page.write(`Exchange HA Wizard lab: ${node.toUpperCase()} E:\\Exchsrvr\\${relativePath}\r\n`, offset, 'latin1');
  let seed = createHash('sha256').update(`${node.toUpperCase()}|${relativePath}`).digest();
  while (offset < PAGE_SIZE) {
    offset += seed.copy(page, offset);
    seed = createHash('sha256').update(seed).digest();
  }
  return page;
}
