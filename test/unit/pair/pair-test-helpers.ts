import { checkPairDocument, describePairProblems, type PairDocument } from '../../../src-main/pair';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';

/** The lab document after `change`, checked: field path → message (empty when valid). */
export function problemsAfter(change: (document: PairDocument) => void): Record<string, string> {
  const document = labPairDocument();
  change(document);
  const check = checkPairDocument(document);
  return check.ok ? {} : describePairProblems(check.problems);
}

/** The lab document with `change` applied to its JSON form (for values the type would not allow). */
export function problemsAfterJson(change: (json: Record<string, unknown>) => void): Record<string, string> {
  const json = JSON.parse(JSON.stringify(labPairDocument())) as Record<string, unknown>;
  change(json);
  const check = checkPairDocument(json);
  return check.ok ? {} : describePairProblems(check.problems);
}
