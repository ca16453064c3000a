/**
 * The application note's setup steps (sections 3-6), in short: what the administrator does at each step, in the
 * guide's words where they matter. The titles and order come from the main process (`steps.list`); this is only the
 * reading text shown on each step's page.
 */
export interface GuideText {
  /** One or two sentences: the point of the step. */
  readonly summary: string;
  /** The guide's instructions, shortened. */
  readonly points: readonly string[];
  readonly note?: string;
}

export const GUIDE_TEXT: Readonly<Record<string, GuideText>> = {
  '3': {
    summary: 'Before beginning, make sure you have a current backup of all nodes and a complete backup of Active Directory.',
    points: ['Back up every node of the source and the target cluster.', 'Back up Active Directory completely.'],
  },
  '4.1': {
    summary: 'Install Exchange on each node of the source cluster, following Microsoft’s documents for your Exchange version and service pack.',
    points: [
      'Prepare the forest and the domain, then install Exchange on each node of the source cluster.',
      'Record the critical Exchange configuration — storage groups, databases, paths and file names — so the target can be installed identically.',
    ],
    note: 'If Exchange is already installed on the source cluster you can skip 4.1 and 4.2, but you must know that configuration.',
  },
  '4.2.1': {
    summary: 'The Exchange virtual server starts with a cluster group on the source cluster that will hold its resources.',
    points: [
      'In Cluster Administrator, right-click Groups and select New, Group.',
      'Specify the Name and Description for the Exchange group.',
      'No Preferred Owners are required. Finish to create the group.',
    ],
  },
  '4.2.2': {
    summary: 'Create the IP Address resource of the Exchange virtual server in the Exchange group.',
    points: [
      'New, Resource in the Exchange group; a name unique within the cluster; resource type IP Address.',
      'Keep the default Possible Owners; no dependencies.',
      'Enter the address, subnet mask and network the Exchange virtual server will use.',
      'Bring the IP Address resource online.',
    ],
  },
  '4.2.3': {
    summary: 'Create the Network Name resource: the virtual name clients look for on the network.',
    points: [
      'New, Resource in the Exchange group; resource type Network Name.',
      'Keep the default Possible Owners; make it depend on the IP Address resource (a network name needs an address).',
      'Enter the virtual name of the Exchange server.',
      'Bring the Network Name resource online.',
    ],
  },
  '4.2.4': {
    summary: 'Create the Physical Disk resource for the disk that holds Exchange’s data.',
    points: [
      'New, Resource in the Exchange group; resource type Physical Disk.',
      'Both nodes must be Possible Owners; no dependencies.',
      'Select the disk drive, then bring the resource online.',
      'If databases and logs are on separate disks, create one Physical Disk resource per disk.',
    ],
  },
  '4.2.5': {
    summary: 'Create the Microsoft Exchange System Attendant resource, which brings up the Exchange virtual server.',
    points: [
      'New, Resource in the Exchange group; resource type Microsoft Exchange System Attendant.',
      'Make it depend on the Network Name and the Physical Disk resources.',
      'Verify the location of the Exchange data files (for example E:\\Exchsrvr), then bring it online.',
    ],
  },
  '4.3': {
    summary: 'Install Double-Take on each source node with the installation defaults and adjust two options.',
    points: [
      'Clear “Automatically Reconnect During Source Initialization” (Setup tab), so the Source Connection resource controls connections.',
      'Select “Block Checksum All Files on a Difference Mirror” (Source tab).',
      'Repeat on the second node of the cluster.',
    ],
  },
  '4.4': {
    summary: 'Create the Double-Take replication set that names the data of the Exchange group, identically on both source nodes.',
    points: [
      'On the node owning the group: New, Replication Set; select the directories and files of the virtual server; save.',
      'Record each path with its Include, Exclude and Recurse sub-directories options.',
      'On the second node, create a replication set with the exact, case-sensitive same name and identical rules; save.',
    ],
  },
  '4.5': {
    summary: 'Create the Double-Take Source Connection resource, which controls the Double-Take connections, and enable orphan removal.',
    points: [
      'New, Resource in the Exchange group; resource type Double-Take Source Connection; both nodes as Possible Owners.',
      'Make it depend on the Physical Disk resource.',
      'Replication Set: the exact name from 4.4. Double-Take Target: the target cluster’s IP address for Double-Take traffic.',
      'In online.dtcl on each node, change the mirror line to “MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;”.',
    ],
  },
  '5.1': {
    summary: 'Install Exchange on the target cluster with the same configuration as the source.',
    points: ['Match storage groups, databases, paths and file names exactly.'],
  },
  '5.2': {
    summary: 'Create the target’s Exchange virtual server as in 4.2, with resources unique from the source’s, and leave it offline.',
    points: [
      'Repeat 4.2 on the target cluster; make sure none of the resources are online afterwards.',
      'In the same group, create a second IP Address resource for Double-Take traffic: the Double-Take Target address given in 4.5.',
    ],
  },
  '5.3': {
    summary: 'Install Double-Take on each target node with the installation defaults and adjust the same two options as on the source.',
    points: [
      'Clear “Automatically Reconnect During Source Initialization” (Setup tab).',
      'Select “Block Checksum All Files on a Difference Mirror” (Source tab).',
      'Repeat on the second node of the target cluster.',
    ],
  },
  '6': {
    summary: 'Bring the source Exchange group online and let the target cluster monitor the source for a failure.',
    points: [
      'In Cluster Administrator on the source, bring the Exchange group online and check every resource comes online.',
      'On each target node, in the Failover Control Center, add a custom monitor for the Exchange virtual server’s IP address and name.',
      'Clear every Items to Failover setting and the .SHR Share Mapping File option.',
    ],
  },
};

/** The guide text of a step, or a plain pointer to the guide for a step this version has no text for. */
export function guideTextOf(stepId: string): GuideText {
  return GUIDE_TEXT[stepId] ?? { summary: `See section ${stepId} of the application note.`, points: [] };
}
