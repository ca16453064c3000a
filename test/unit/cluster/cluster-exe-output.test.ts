import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatGroupStatus,
  formatNodeStatus,
  formatOwnerList,
  formatPropertyListing,
  formatResourceStatus,
  parseGroupStatus,
  parseNodeStatus,
  parseOwnerList,
  parsePropertyListing,
  parseResourceStatus,
  type PropertyRow,
  type ResourceStatusRow,
} from '../../../src-main/cluster/cluster-exe-output';

const nameChars = fc.constantFrom('a', 'B', 'x', '1', ' ', ':', '-', '.', '(', ')', 'é');
/** Names as the cluster takes them: no leading, trailing or doubled spaces. */
const objectName = (max: number) =>
  fc.string({ unit: nameChars, minLength: 1, maxLength: max }).filter((s) => s.trim() === s && !s.includes('  '));
const nodeName = fc.stringMatching(/^[A-Z][A-Z0-9-]{0,14}$/);
const resourceState = fc.constantFrom('Online', 'Offline', 'Failed', 'Online Pending', 'Offline Pending' as const);
const groupState = fc.constantFrom('Online', 'Offline', 'Failed', 'Partially Online', 'Pending' as const);

describe('cluster.exe status listings', () => {
  it('formats the resource table with columns padded 20/20/15 (DOMAIN §2)', () => {
    expect(formatResourceStatus([{ resource: 'Exchange IP', group: 'Exchange Group', node: 'SRC1', status: 'Online' }])).toBe(
      [
        'Listing status for all available resources:',
        '',
        'Resource             Group                Node            Status',
        '-------------------- -------------------- --------------- ------',
        'Exchange IP          Exchange Group       SRC1            Online',
        '',
      ].join('\n'),
    );
  });

  it('reads Windows line endings and names longer than their column', () => {
    const text = formatResourceStatus([
      { resource: 'Microsoft Exchange System Attendant', group: 'Exchange Virtual Server Group', node: 'SRC2', status: 'Online Pending' },
    ]).replace(/\n/g, '\r\n');
    expect(parseResourceStatus(text, ['Exchange Virtual Server Group'])).toEqual([
      { resource: 'Microsoft Exchange System Attendant', group: 'Exchange Virtual Server Group', node: 'SRC2', status: 'Online Pending' },
    ]);
    // without the group names a long spaced name is split at the first space past its column: why the adapter passes them
    expect(parseResourceStatus(text)[0]).toMatchObject({ resource: 'Microsoft Exchange System', node: 'SRC2', status: 'Online Pending' });
  });

  it('round-trips resource rows (group names known)', () => {
    const groups = ['Cluster Group', 'Exchange Group', 'G', 'Disk Group 1'];
    const row: fc.Arbitrary<ResourceStatusRow> = fc.record({
      resource: objectName(30),
      group: fc.constantFrom(...groups),
      node: fc.oneof(nodeName, fc.constant('')),
      status: resourceState,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(parseResourceStatus(formatResourceStatus(rows), groups)).toEqual(rows);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips resource rows by columns when names fit them (nothing known)', () => {
    const row = fc.record({ resource: objectName(20), group: objectName(20), node: nodeName, status: resourceState });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(parseResourceStatus(formatResourceStatus(rows, "Listing resource dependencies for 'X':"))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips group rows of any length', () => {
    const row = fc.record({ group: objectName(40), node: fc.oneof(nodeName, fc.constant('')), status: groupState });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(parseGroupStatus(formatGroupStatus(rows))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips node rows', () => {
    const row = fc.record({ node: nodeName, id: fc.integer({ min: 1, max: 99 }), status: fc.constantFrom('Up', 'Down', 'Paused' as const) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(parseNodeStatus(formatNodeStatus(rows))).toEqual(rows);
      }),
    );
    expect(formatNodeStatus([{ node: 'SRC1', id: 1, status: 'Up' }])).toContain('SRC1                 1 Up');
  });

  it('round-trips owner lists', () => {
    fc.assert(
      fc.property(fc.array(nodeName, { maxLength: 6 }), (nodes) => {
        const text = formatOwnerList("Listing possible owners for resource 'X':", 'Possible Owner Nodes', nodes);
        expect(parseOwnerList(text)).toEqual(nodes);
      }),
    );
  });

  it('formats DWORDs as cluster.exe does', () => {
    const text = formatPropertyListing("Listing private properties for 'Disk E:':", 'Resource', [
      { object: 'Disk E:', name: 'Signature', value: 305441741 },
      { object: 'Disk E:', name: 'Drive', value: 'E:' },
    ]);
    expect(text).toBe(
      [
        "Listing private properties for 'Disk E:':",
        '',
        'T  Resource             Name                           Value',
        '-- -------------------- ------------------------------ -----------------------',
        'D  Disk E:              Signature                      305441741 (0x1234abcd)',
        'S  Disk E:              Drive                          E:',
        '',
      ].join('\n'),
    );
  });

  it('round-trips property listings (object names known), values with spaces, quotes and empty', () => {
    const names = fc
      .uniqueArray(objectName(30), { minLength: 1, maxLength: 4, selector: (s) => s.toLowerCase() })
      .filter((list) => list.every((a) => list.every((b) => a === b || !b.startsWith(`${a} `))));
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '1', '(', '0x'), maxLength: 30 }),
      fc.integer({ min: 0, max: 0xffffffff }),
    );
    fc.assert(
      fc.property(
        names.chain((objects) =>
          fc.tuple(
            fc.constant(objects),
            fc.array(fc.record({ object: fc.constantFrom(...objects), name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,39}$/), value }), {
              maxLength: 8,
            }),
          ),
        ),
        ([objects, rows]: [string[], PropertyRow[]]) => {
          expect(parsePropertyListing(formatPropertyListing('Listing private properties for all resources:', 'Resource', rows), objects)).toEqual(rows);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
