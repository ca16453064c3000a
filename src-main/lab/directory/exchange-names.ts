/**
 * DNs and legacy DNs of the lab's Exchange organisation (its configuration container), built in one place so the seed, the lab
 * adapters and the tests agree on them. Values are escaped with `childDn`, never concatenated by hand.
 */
import { childDn } from '../../directory/dn';
import { LAB } from '../topology';

/** The names a lab organisation is built from (the lab's defaults come from `LAB`). */
export interface ExchangeOrgNames {
  readonly domainDn: string;
  readonly domainDnsName: string;
  readonly domainNetbios: string;
  readonly organization: string;
  readonly administrativeGroup: string;
  readonly routingGroup: string;
}

/** The lab's names from the topology. */
export const LAB_ORG_NAMES: ExchangeOrgNames = {
  domainDn: LAB.domain.dn,
  domainDnsName: LAB.domain.dnsName,
  domainNetbios: LAB.domain.netbios,
  organization: LAB.organization,
  administrativeGroup: LAB.administrativeGroup,
  routingGroup: LAB.routingGroup,
};

/** DN builders for one organisation. */
export function exchangeDns(names: ExchangeOrgNames = LAB_ORG_NAMES) {
  const configuration = childDn(names.domainDn, 'CN', 'Configuration');
  const services = childDn(configuration, 'CN', 'Services');
  const exchange = childDn(services, 'CN', 'Microsoft Exchange');
  const organization = childDn(exchange, 'CN', names.organization);
  const addressLists = childDn(organization, 'CN', 'Address Lists Container');
  const recipientUpdateServices = childDn(addressLists, 'CN', 'Recipient Update Services');
  const administrativeGroups = childDn(organization, 'CN', 'Administrative Groups');
  const administrativeGroup = childDn(administrativeGroups, 'CN', names.administrativeGroup);
  const routingGroups = childDn(administrativeGroup, 'CN', 'Routing Groups');
  const servers = childDn(administrativeGroup, 'CN', 'Servers');
  const server = (name: string): string => childDn(servers, 'CN', name);
  const informationStore = (serverName: string): string => childDn(server(serverName), 'CN', 'InformationStore');
  const storageGroup = (serverName: string, group: string): string => childDn(informationStore(serverName), 'CN', group);
  return {
    domain: names.domainDn,
    users: childDn(names.domainDn, 'OU', 'Users'),
    computers: childDn(names.domainDn, 'CN', 'Computers'),
    computer: (name: string): string => childDn(childDn(names.domainDn, 'CN', 'Computers'), 'CN', name),
    configuration,
    services,
    exchange,
    organization,
    addressLists,
    recipientUpdateServices,
    recipientUpdateService: (label: string): string => childDn(recipientUpdateServices, 'CN', `Recipient Update Service (${label})`),
    administrativeGroups,
    administrativeGroup,
    routingGroups,
    routingGroup: childDn(routingGroups, 'CN', names.routingGroup),
    servers,
    server,
    mta: (serverName: string): string => childDn(server(serverName), 'CN', 'Microsoft MTA'),
    informationStore,
    storageGroup,
    store: (serverName: string, group: string, store: string): string => childDn(storageGroup(serverName, group), 'CN', store),
  };
}

/** Legacy (X.500-style) DNs Exchange stores in legacyExchangeDN and msExchHomeServerName. */
export function legacyDns(names: ExchangeOrgNames = LAB_ORG_NAMES) {
  const organization = `/o=${names.organization}`;
  const administrativeGroup = `${organization}/ou=${names.administrativeGroup}`;
  return {
    organization,
    administrativeGroup,
    server: (name: string): string => `${administrativeGroup}/cn=Configuration/cn=Servers/cn=${name}`,
    recipient: (alias: string): string => `${administrativeGroup}/cn=Recipients/cn=${alias}`,
  };
}
