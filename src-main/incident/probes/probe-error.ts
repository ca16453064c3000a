/**
 * A probe that could not probe at all (ping is missing, not allowed to open its socket, ...): not a missed reply.
 * The monitor stops on it and says why, rather than counting a broken probe as a source that does not answer.
 */
export class ProbeError extends Error {
  override readonly name = 'ProbeError';
}
