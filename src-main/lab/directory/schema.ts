/**
 * The small Active Directory + Exchange 2003 schema of the lab: the attributes and classes the seeded organisation
 * uses, with Microsoft's OIDs (from Microsoft's and OpenChange's schema definitions) and proper matching rules.
 *
 * One description serves two readers: the lab directory enforces it (unknown attributes, single-valued attributes,
 * DN / Boolean / integer syntax), and the slapd test harness's `exchange.schema` is generated from it (a unit test
 * keeps the committed file equal to the generated text), so the lab and the real server refuse the same things.
 */

/** How values are written and compared. */
export type AttributeSyntax =
  /** Distinguished name: compared as a DN (case- and spacing-insensitive). */
  | 'dn'
  /** Unicode string, compared case-insensitively (Active Directory's Unicode string syntax). */
  | 'string'
  /** IA5 (ASCII) string, compared case-insensitively. */
  | 'ia5'
  /** Bytes; returned as Buffer. */
  | 'octets'
  /** `TRUE` / `FALSE`. */
  | 'boolean'
  /** A decimal integer. */
  | 'integer';

export interface AttributeDefinition {
  readonly name: string;
  readonly oid: string;
  readonly syntax: AttributeSyntax;
  readonly singleValued: boolean;
  /** Why the OID is not Microsoft's or was not confirmed from a source, when so. */
  readonly note?: string;
}

export interface ClassDefinition {
  readonly name: string;
  readonly oid: string;
  readonly superior: string;
  readonly kind: 'STRUCTURAL' | 'AUXILIARY' | 'ABSTRACT';
  readonly must: readonly string[];
  readonly may: readonly string[];
}

const MS = '1.2.840.113556.1';
const EXCH = `${MS}.4.7000.102`;

/**
 * Attribute types. `cn`, `name`, `description`, `distinguishedName` and `objectClass` are built into slapd and are
 * therefore listed in {@link BUILT_IN_ATTRIBUTES} instead.
 */
export const ATTRIBUTES: readonly AttributeDefinition[] = [
  { name: 'dc', oid: '0.9.2342.19200300.100.1.25', syntax: 'ia5', singleValued: true },
  { name: 'ou', oid: '2.5.4.11', syntax: 'string', singleValued: false },
  { name: 'sn', oid: '2.5.4.4', syntax: 'string', singleValued: true },
  { name: 'givenName', oid: '2.5.4.42', syntax: 'string', singleValued: true },
  { name: 'serialNumber', oid: '2.5.4.5', syntax: 'string', singleValued: false },
  { name: 'mail', oid: '0.9.2342.19200300.100.1.3', syntax: 'string', singleValued: true },
  { name: 'displayName', oid: `${MS}.2.13`, syntax: 'string', singleValued: true },
  { name: 'adminDisplayName', oid: `${MS}.2.194`, syntax: 'string', singleValued: true },
  { name: 'proxyAddresses', oid: `${MS}.2.210`, syntax: 'string', singleValued: false },
  { name: 'sAMAccountName', oid: `${MS}.4.221`, syntax: 'string', singleValued: true },
  { name: 'userPrincipalName', oid: `${MS}.4.656`, syntax: 'string', singleValued: true },
  { name: 'userAccountControl', oid: `${MS}.4.8`, syntax: 'integer', singleValued: true },
  { name: 'objectGUID', oid: `${MS}.4.2`, syntax: 'octets', singleValued: true },
  { name: 'objectSid', oid: `${MS}.4.146`, syntax: 'octets', singleValued: true },
  { name: 'dNSHostName', oid: `${MS}.4.619`, syntax: 'string', singleValued: true },
  { name: 'servicePrincipalName', oid: `${MS}.4.771`, syntax: 'string', singleValued: false },
  { name: 'networkAddress', oid: `${MS}.2.459`, syntax: 'string', singleValued: false },
  { name: 'legacyExchangeDN', oid: `${MS}.4.655`, syntax: 'string', singleValued: true },
  { name: 'mailNickname', oid: `${MS}.2.447`, syntax: 'string', singleValued: true },
  { name: 'homeMDB', oid: `${MS}.2.244`, syntax: 'dn', singleValued: true },
  { name: 'homeMTA', oid: `${MS}.2.171`, syntax: 'dn', singleValued: true },
  { name: 'msExchHomeServerName', oid: `${EXCH}.47`, syntax: 'string', singleValued: true },
  { name: 'msExchMailboxGuid', oid: `${EXCH}.11058`, syntax: 'octets', singleValued: true },
  { name: 'msExchEDBFile', oid: `${EXCH}.11001`, syntax: 'string', singleValued: true },
  { name: 'msExchSLVFile', oid: `${EXCH}.11036`, syntax: 'string', singleValued: true },
  { name: 'msExchOwningServer', oid: `${EXCH}.11004`, syntax: 'dn', singleValued: true },
  { name: 'msExchHomePublicMDB', oid: `${EXCH}.11044`, syntax: 'dn', singleValued: true },
  { name: 'msExchPatchMDB', oid: `${EXCH}.11086`, syntax: 'boolean', singleValued: true },
  { name: 'msExchRoutingMasterDN', oid: `${EXCH}.12505`, syntax: 'dn', singleValued: true },
  { name: 'msExchAddressListServiceLink', oid: `${EXCH}.75`, syntax: 'dn', singleValued: true },
  { name: 'msExchServer1NetworkAddress', oid: `${EXCH}.3`, syntax: 'string', singleValued: true },
  { name: 'deliveryMechanism', oid: `${MS}.2.241`, syntax: 'integer', singleValued: true },
  {
    name: 'siteFolderServer',
    oid: '2.25.313082623269631121736359140806121043620',
    syntax: 'dn',
    singleValued: true,
    note: "[assumed] Microsoft's OID for siteFolderServer was not confirmed from a source; this is a UUID-based OID (X.667) of the project's own",
  },
  {
    name: 'configurationNamingContext',
    oid: '2.25.193587644284721152159456307961271943081',
    syntax: 'dn',
    singleValued: true,
    note: 'root DSE attribute; Active Directory gives it no OID, slapd needs one for its rootDSE file',
  },
  {
    name: 'defaultNamingContext',
    oid: '2.25.88380005139799751702173621932991371110',
    syntax: 'dn',
    singleValued: true,
    note: 'root DSE attribute; Active Directory gives it no OID, slapd needs one for its rootDSE file',
  },
];

/** Attributes slapd defines itself (the lab knows them too). */
export const BUILT_IN_ATTRIBUTES: readonly AttributeDefinition[] = [
  { name: 'objectClass', oid: '2.5.4.0', syntax: 'string', singleValued: false },
  { name: 'cn', oid: '2.5.4.3', syntax: 'string', singleValued: false },
  { name: 'name', oid: '2.5.4.41', syntax: 'string', singleValued: false },
  { name: 'description', oid: '2.5.4.13', syntax: 'string', singleValued: false },
  { name: 'distinguishedName', oid: '2.5.4.49', syntax: 'dn', singleValued: false },
];

const PERSON_MAY = ['sn', 'givenName', 'displayName', 'description', 'mail'];
const USER_MAY = [
  'sAMAccountName',
  'userPrincipalName',
  'userAccountControl',
  'objectGUID',
  'objectSid',
  'servicePrincipalName',
  'proxyAddresses',
  'legacyExchangeDN',
  'mailNickname',
  'homeMDB',
  'homeMTA',
  'msExchHomeServerName',
  'msExchMailboxGuid',
];
const CONTAINER_MAY = ['description', 'displayName', 'adminDisplayName', 'legacyExchangeDN'];
const MDB_MAY = [
  'description',
  'displayName',
  'adminDisplayName',
  'legacyExchangeDN',
  'deliveryMechanism',
  'msExchEDBFile',
  'msExchSLVFile',
  'msExchOwningServer',
  'msExchPatchMDB',
  'mail',
  'mailNickname',
  'proxyAddresses',
];

/** Object classes, superiors before subclasses. Exchange's auxiliary classes are folded into the structural ones. */
export const CLASSES: readonly ClassDefinition[] = [
  { name: 'domain', oid: `${MS}.5.66`, superior: 'top', kind: 'STRUCTURAL', must: ['dc'], may: ['description', 'objectGUID', 'objectSid'] },
  { name: 'domainDNS', oid: `${MS}.5.67`, superior: 'domain', kind: 'STRUCTURAL', must: [], may: [] },
  { name: 'organizationalUnit', oid: '2.5.6.5', superior: 'top', kind: 'STRUCTURAL', must: ['ou'], may: ['description', 'objectGUID'] },
  { name: 'container', oid: `${MS}.3.23`, superior: 'top', kind: 'STRUCTURAL', must: ['cn'], may: CONTAINER_MAY },
  { name: 'configuration', oid: `${MS}.5.12`, superior: 'top', kind: 'STRUCTURAL', must: ['cn'], may: ['description'] },
  { name: 'person', oid: '2.5.6.6', superior: 'top', kind: 'STRUCTURAL', must: ['cn'], may: PERSON_MAY },
  { name: 'organizationalPerson', oid: '2.5.6.7', superior: 'person', kind: 'STRUCTURAL', must: [], may: [] },
  { name: 'user', oid: `${MS}.5.9`, superior: 'organizationalPerson', kind: 'STRUCTURAL', must: [], may: USER_MAY },
  { name: 'computer', oid: `${MS}.3.30`, superior: 'user', kind: 'STRUCTURAL', must: [], may: ['dNSHostName', 'networkAddress'] },
  { name: 'server', oid: `${MS}.5.17`, superior: 'top', kind: 'STRUCTURAL', must: ['cn'], may: ['serialNumber', 'dNSHostName', 'description'] },
  { name: 'msExchConfigurationContainer', oid: `${MS}.5.176`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  { name: 'msExchOrganizationContainer', oid: `${MS}.5.7000.62.50020`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  { name: 'msExchContainer', oid: `${MS}.5.7000.62.50010`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  {
    name: 'msExchAddressListService',
    oid: `${MS}.5.7000.62.2`,
    superior: 'top',
    kind: 'STRUCTURAL',
    must: ['cn'],
    may: ['msExchAddressListServiceLink', 'msExchServer1NetworkAddress', 'displayName', 'description'],
  },
  { name: 'msExchAdminGroupContainer', oid: `${MS}.5.7000.62.50019`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  {
    name: 'msExchAdminGroup',
    oid: `${MS}.5.7000.62.50011`,
    superior: 'top',
    kind: 'STRUCTURAL',
    must: ['cn'],
    may: ['legacyExchangeDN', 'siteFolderServer', 'displayName', 'description'],
  },
  { name: 'msExchRoutingGroupContainer', oid: `${MS}.5.7000.62.12001`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  { name: 'msExchRoutingGroup', oid: `${MS}.5.7000.62.12002`, superior: 'container', kind: 'STRUCTURAL', must: [], may: ['msExchRoutingMasterDN'] },
  { name: 'msExchServersContainer', oid: `${MS}.5.7000.62.50013`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  {
    name: 'msExchExchangeServer',
    oid: `${MS}.5.7000.62.50009`,
    superior: 'server',
    kind: 'STRUCTURAL',
    must: [],
    may: ['legacyExchangeDN', 'networkAddress', 'adminDisplayName'],
  },
  { name: 'mTA', oid: `${MS}.3.49`, superior: 'top', kind: 'STRUCTURAL', must: ['cn'], may: ['legacyExchangeDN', 'description'] },
  { name: 'msExchInformationStore', oid: `${MS}.5.7000.62.11001`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  { name: 'msExchStorageGroup', oid: `${MS}.5.7000.62.11006`, superior: 'container', kind: 'STRUCTURAL', must: [], may: [] },
  { name: 'msExchMDB', oid: `${MS}.5.7000.62.11002`, superior: 'top', kind: 'STRUCTURAL', must: ['cn'], may: MDB_MAY },
  { name: 'msExchPrivateMDB', oid: `${MS}.5.7000.62.11004`, superior: 'msExchMDB', kind: 'STRUCTURAL', must: [], may: ['msExchHomePublicMDB'] },
  { name: 'msExchPublicMDB', oid: `${MS}.5.7000.62.11005`, superior: 'msExchMDB', kind: 'STRUCTURAL', must: [], may: [] },
];

const byLowerName = new Map<string, AttributeDefinition>(
  [...BUILT_IN_ATTRIBUTES, ...ATTRIBUTES].map((definition) => [definition.name.toLowerCase(), definition]),
);

/** Looks an attribute up by name (any case); undefined when the schema does not define it. */
export function attributeDefinition(name: string): AttributeDefinition | undefined {
  return byLowerName.get(name.toLowerCase());
}
