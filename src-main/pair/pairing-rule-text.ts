import { PairingRuleError, parsePairingRule } from '../failover/pairing-rule-syntax';

/**
 * Why a pairing rule kept in the pair document (the text after one `exchfailover -r`, in the utility's own syntax:
 * `SrcGroup:TgtGroup` or `SrcGroup, SrcStore:TgtGroup, TgtStore`) cannot be used, or undefined when it can. An empty
 * rule stands for `-r` alone (one-to-one by names), which needs no entry: it is refused here so the list says only
 * what differs from the default.
 */
export function pairingRuleTextProblem(text: string): string | undefined {
  if (text.trim() === '') return 'An empty rule is the default (one-to-one by names); remove it.';
  try {
    parsePairingRule(text);
    return undefined;
  } catch (e) {
    if (e instanceof PairingRuleError) return `${e.problem} (character ${e.position}).`;
    throw e;
  }
}
