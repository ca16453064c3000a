import { UsageError } from '../usage-error';
import type { SubcommandIo } from './subcommand';

/** `exchange-ha lab fail|restore DIR WHAT` (being built). */
export async function labFailureCommand(verb: 'fail' | 'restore', io: SubcommandIo): Promise<number> {
  void io;
  throw new UsageError(`lab ${verb} is not built yet.`);
}
