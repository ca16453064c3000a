/**
 * What discovery found: the Exchange organisation's objects a failover reads or rewrites (its configuration container in
 * Active Directory: organisation, administrative and routing groups, servers, storage groups, stores), as plain
 * data. Every DN is kept in the server's own form (for writing back) together with its normalised key (for
 * comparing: DNs are never compared as strings).
 */
import type { RootDse } from '../directory/port';

/** A mailbox (private) or public folder store. */
export interface StoreInfo {
  readonly dn: string;
  readonly key: string;
  /** The store's name (its cn), e.g. "Mailbox Store (EXCHVS)". */
  readonly name: string;
  /** The storage group's name and DN (the store's parent). */
  readonly group: string;
  readonly groupDn: string;
  readonly kind: 'mailbox' | 'public';
  /** msExchEDBFile as written (full path), when present. */
  readonly edbFile: string | undefined;
  /** The database file name without its path: the default pairing key. */
  readonly databaseFile: string | undefined;
  /** msExchPatchMDB as read. */
  readonly patchFlag: readonly string[];
  /** msExchHomePublicMDB as read (mailbox stores). */
  readonly homePublicMdb: readonly string[];
  /** Key of the server the store lies under, when it lies under one. */
  readonly serverKey: string | undefined;
}

/** A storage group of a server. */
export interface StorageGroupInfo {
  readonly dn: string;
  readonly name: string;
}

/** The computer account of a virtual server's Network Name. */
export interface ComputerAccount {
  readonly dn: string;
  readonly name: string;
  readonly dnsHostName: string | undefined;
  readonly spns: readonly string[];
}

/** An Exchange server object and what lies under it. */
export interface ServerInfo {
  readonly dn: string;
  readonly key: string;
  readonly name: string;
  readonly legacyExchangeDn: string | undefined;
  /** `CN=Microsoft MTA,<server>`: what users' homeMTA points at. */
  readonly mtaDn: string | undefined;
  readonly groups: readonly StorageGroupInfo[];
  readonly stores: readonly StoreInfo[];
  /** Found only for the two virtual servers of the run. */
  readonly computer: ComputerAccount | undefined;
  /** The host name RUS entries name for this server (computer dNSHostName, else derived). */
  readonly hostName: string;
}

export interface AdminGroupInfo {
  readonly dn: string;
  readonly siteFolderServer: readonly string[];
}

export interface RoutingGroupInfo {
  readonly dn: string;
  readonly masterDn: readonly string[];
}

export interface RecipientUpdateServiceInfo {
  readonly dn: string;
  readonly link: readonly string[];
  readonly networkAddress: readonly string[];
}

/** The organisation as discovered for one run. */
export interface Topology {
  readonly rootDse: RootDse;
  /** Domain naming contexts searched for mailboxes and computer accounts. */
  readonly domainContexts: readonly string[];
  /** The forest's DNS domain (from defaultNamingContext), for FQDNs that the directory does not give. */
  readonly dnsDomain: string;
  readonly organizationDn: string;
  /** Every Exchange server of the organisation, by name. */
  readonly servers: readonly ServerInfo[];
  readonly source: ServerInfo;
  readonly target: ServerInfo;
  /** Every mailbox store of the organisation (their msExchHomePublicMDB may point at a store being left). */
  readonly mailboxStores: readonly StoreInfo[];
  readonly adminGroups: readonly AdminGroupInfo[];
  readonly routingGroups: readonly RoutingGroupInfo[];
  readonly recipientUpdateServices: readonly RecipientUpdateServiceInfo[];
}
