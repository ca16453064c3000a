/**
 * `exchange-ha incident watch|failover|failback|status|resume`: the monitor (incident-watch-command.ts) and the
 * guided runbooks (incident-runbook-command.ts).
 */
import { UsageError } from '../usage-error';
import { incidentWatchCommand } from './incident-watch-command';
import { incidentRunbookCommand } from './incident-runbook-command';
import type { SubcommandIo } from './subcommand';

export async function incidentCommand(io: SubcommandIo): Promise<number> {
  const [verb, ...rest] = io.args;
  switch (verb) {
    case 'watch':
      return incidentWatchCommand({ ...io, args: rest });
    case 'failover':
    case 'failback':
    case 'status':
    case 'resume':
      return incidentRunbookCommand(verb, { ...io, args: rest });
    default:
      throw new UsageError(
        verb === undefined ? 'incident needs watch, failover, failback, status or resume.' : `incident has no "${verb}": give watch, failover, failback, status or resume.`,
      );
  }
}
