/**
 * Reads the Exchange configuration of the pair's two virtual servers (the Network Names of the pair document) with
 * the failover engine's discovery, and turns what discovery refuses (a server not in the directory, an ambiguous
 * name, both names the same server) into an error naming the pair document's field. Any other error (the directory
 * unreachable, a bug) passes through unchanged.
 */
import { FailoverInputError } from '../../../failover/engine-api';
import type { ServerInfo } from '../../../failover/topology';
import type { SetupStepContext } from '../../setup-step';
import { type ExchangeConfig, exchangeConfigOf } from './exchange-config';

export const SOURCE_SERVER_FIELD = 'source.networkName.name';
export const TARGET_SERVER_FIELD = 'target.networkName.name';

/** Both servers as discovery read them, and their configurations. */
export interface PairExchange {
  readonly sourceServer: ServerInfo;
  readonly targetServer: ServerInfo;
  readonly source: ExchangeConfig;
  readonly target: ExchangeConfig;
}

/** Why the pair's Exchange servers could not be read, in the pair document's terms. */
export class ExchangeServerNotReadableError extends Error {
  override readonly name = 'ExchangeServerNotReadableError';
}

const fieldOf = (role: string): string => (role === 'source' ? SOURCE_SERVER_FIELD : TARGET_SERVER_FIELD);

/**
 * Translates discovery's refusal. The patterns follow the wording of src-main/failover/discovery.ts (findServer and
 * discover); an unrecognised refusal still comes out with the directory named and discovery's own words.
 */
function explain(error: FailoverInputError, context: SetupStepContext): ExchangeServerNotReadableError {
  const where = context.world.directoryName;
  const unknown = /^unknown (source|target) server "(.*)": (.*)$/s.exec(error.message);
  if (unknown !== null) {
    const [, role = '', name = '', rest = ''] = unknown;
    return new ExchangeServerNotReadableError(`${fieldOf(role)}: no Exchange server named ${name} in ${where} (${rest})`, { cause: error });
  }
  const ambiguous = /^(source|target) server "(.*)" is ambiguous: (.*)$/s.exec(error.message);
  if (ambiguous !== null) {
    const [, role = '', name = '', rest = ''] = ambiguous;
    return new ExchangeServerNotReadableError(`${fieldOf(role)}: more than one Exchange server is named ${name} in ${where}: ${rest}`, { cause: error });
  }
  if (/^source and target are the same server/.test(error.message)) {
    return new ExchangeServerNotReadableError(
      `${SOURCE_SERVER_FIELD} and ${TARGET_SERVER_FIELD} name the same Exchange server in ${where} (${context.pair.source.networkName.name}, ${context.pair.target.networkName.name})`,
      { cause: error },
    );
  }
  return new ExchangeServerNotReadableError(`Cannot read the Exchange servers from ${where}: ${error.message}`, { cause: error });
}

/** Reads both servers now (step 5.1: the target's Exchange must be installed by then). */
export async function readPairExchange(context: SetupStepContext): Promise<PairExchange> {
  const sourceName = context.pair.source.networkName.name;
  const targetName = context.pair.target.networkName.name;
  try {
    const topology = await context.world.readExchange(sourceName, targetName);
    return {
      sourceServer: topology.source,
      targetServer: topology.target,
      source: exchangeConfigOf(topology.source),
      target: exchangeConfigOf(topology.target),
    };
  } catch (error) {
    if (error instanceof FailoverInputError) throw explain(error, context);
    throw error;
  }
}

/** Reads the source server alone (step 4.1 runs before Exchange is installed on the target). */
export async function readSourceExchange(context: SetupStepContext): Promise<{ readonly sourceServer: ServerInfo; readonly source: ExchangeConfig }> {
  try {
    const server = await context.world.readExchangeServer(context.pair.source.networkName.name);
    return { sourceServer: server, source: exchangeConfigOf(server) };
  } catch (error) {
    if (error instanceof FailoverInputError) throw explain(error, context);
    throw error;
  }
}
