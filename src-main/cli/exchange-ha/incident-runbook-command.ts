import { UsageError } from '../usage-error';
import type { SubcommandIo } from './subcommand';

/** `exchange-ha incident failover|failback|status|resume` (being built). */
export async function incidentRunbookCommand(verb: 'failover' | 'failback' | 'status' | 'resume', io: SubcommandIo): Promise<number> {
  void io;
  throw new UsageError(`incident ${verb} is not built yet.`);
}
