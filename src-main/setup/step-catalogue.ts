import type { StepSummary } from '../contract/steps';

/** One entry of the guide's setup procedure (sections 3-6), as data. */
export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  /** The guide's top-level section the step belongs to, for grouping in the wizard. */
  readonly section: string;
  readonly cluster: StepSummary['cluster'];
  readonly kind: StepSummary['kind'];
  /** Steps that must be verified or done by hand before this one is applied (the guide's order of work). */
  readonly requires: readonly string[];
  /**
   * The part of an automated step that only the administrator can do (the program can neither make it nor read
   * it), confirmed with a note of its own. Confirming it does not make the whole step "done by hand": the step is
   * still applied and verified by the program, and its verification fails until the part is confirmed.
   */
  readonly handwork?: string;
}

const SECTION_3 = '3 Backing Up Your Environment';
const SECTION_4 = '4 Configuring the Source Cluster';
const SECTION_5 = '5 Configuring the Target Cluster';
const SECTION_6 = '6 Bringing the Components Online and Beginning Monitoring';

/** Every step of sections 3-6 of the application note, in the guide's order and with its section numbers. */
export const STEP_CATALOGUE: readonly CatalogueEntry[] = [
  { id: '3', title: 'Back up every node and Active Directory', section: SECTION_3, cluster: 'none' , kind: 'manual', requires: [] },
  { id: '4.1', title: 'Install Exchange and record its configuration', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['3'] },
  { id: '4.2.1', title: 'Create the Exchange group', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['3'] },
  { id: '4.2.2', title: 'Create the Exchange IP Address resource', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['4.2.1'] },
  { id: '4.2.3', title: 'Create the Exchange Network Name resource', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['4.2.2'] },
  { id: '4.2.4', title: 'Create the Physical Disk resource', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['4.2.1'] },
  { id: '4.2.5', title: 'Create the Exchange System Attendant resource', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['4.2.3', '4.2.4'] },
  { id: '4.3', title: 'Install and configure Double-Take on the source nodes', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['3'] },
  { id: '4.4', title: 'Configure the Double-Take replication set', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['4.3', '4.2.4'] },
  { id: '4.5', title: 'Configure the Double-Take Source Connection resource', section: SECTION_4, cluster: 'source' , kind: 'automated', requires: ['4.4', '4.2.4'] },
  { id: '5.1', title: 'Install Exchange on the target, identical to the source', section: SECTION_5, cluster: 'target' , kind: 'automated', requires: ['4.1'] },
  { id: '5.2', title: 'Create the offline Exchange virtual server and the replication IP', section: SECTION_5, cluster: 'target' , kind: 'automated', requires: ['3'] },
  { id: '5.3', title: 'Install and configure Double-Take on the target nodes', section: SECTION_5, cluster: 'target' , kind: 'automated', requires: ['3'] },
  {
    id: '6',
    title: 'Bring the source group online and begin monitoring',
    section: SECTION_6,
    cluster: 'both',
    kind: 'automated',
    requires: ['4.2.5', '4.5', '5.2', '5.3'],
    handwork: 'The Failover Control Center monitor entered on each target node',
  },
];

export function findCatalogueEntry(id: string): CatalogueEntry | undefined {
  return STEP_CATALOGUE.find((entry) => entry.id === id);
}
