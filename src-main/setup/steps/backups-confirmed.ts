import type { SetupStep } from '../setup-step';

/**
 * Guide section 3: back up every node (system state included) and Active Directory before anything changes. The
 * program cannot take or check those backups, so the step is confirmed by the administrator with a note (what was
 * backed up, where the backups are); in a lab it is confirmed already. Verify checks that the confirmation is there.
 */
export const backupsConfirmed: SetupStep = {
  id: '3',

  async plan({ pair, confirmation }) {
    const nodes = [...pair.source.cluster.nodes, ...pair.target.cluster.nodes].map((n) => n.name);
    const confirmed = confirmation('3');
    return {
      actions: [],
      warnings: confirmed
        ? []
        : ['Nothing here is done by the program: take the backups, then confirm this step with a note saying what was backed up and where.'],
      findings: [
        `Back up the system state and the Exchange data of every node: ${nodes.join(', ')}.`,
        'Back up Active Directory (the system state of a domain controller).',
        ...(confirmed ? [`Confirmed ${confirmed.at === '' ? '' : `at ${confirmed.at} `}with the note: ${confirmed.note}`] : []),
      ],
    };
  },

  async verify({ confirmation }) {
    const confirmed = confirmation('3');
    return [
      {
        what: 'The backups of every node and of Active Directory are confirmed',
        ok: confirmed !== undefined,
        detail: confirmed ? confirmed.note : 'Not confirmed yet: confirm the step with a note once the backups are taken.',
      },
    ];
  },
};
