import { labPairDocument } from './lab-pair-document';

/**
 * A new pair document to fill in (`exchange-ha pair new FILE`): the shape of a valid document with every value that
 * belongs to the site left empty — cluster, node and virtual server names, addresses and masks, networks, disks,
 * paths, the replication set — so that `exchange-ha pair check` lists each field still to fill, by its path. What
 * the guide itself suggests is kept: resource names, the Double-Take install folder, the rule modes, the monitor's
 * check boxes. Never a valid document: nothing can be applied from it before a person has filled it in.
 */

/** The document's keys whose values are the site's own (emptied in the template). */
const SITE_KEYS = new Set([
  'name',
  'description',
  'address',
  'subnetMask',
  'network',
  'drive',
  'dataPath',
  'targetAddress',
  'path',
  'monitoredAddress',
  'monitoredName',
]);
/** Numbers that are the site's own (a disk's signature): 0, which no disk has. */
const SITE_NUMBERS = new Set(['signature']);

function blank(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => blank(item, undefined));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v, k)]));
  }
  if (key !== undefined && typeof value === 'string' && SITE_KEYS.has(key)) return '';
  if (key !== undefined && typeof value === 'number' && SITE_NUMBERS.has(key)) return 0;
  return value;
}

/** The template as JSON data (two nodes per cluster, one disk, one rule: add more by copying an entry). */
export function pairDocumentTemplate(): unknown {
  return blank(labPairDocument(), undefined);
}
