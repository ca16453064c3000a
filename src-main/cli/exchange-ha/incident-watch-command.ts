import { UsageError } from '../usage-error';
import type { SubcommandIo } from './subcommand';

/** `exchange-ha incident watch` (being built). */
export async function incidentWatchCommand(io: SubcommandIo): Promise<number> {
  void io;
  throw new UsageError('incident watch is not built yet.');
}
