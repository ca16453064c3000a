/**
 * The text of one `-r` pairing rule (seed, Appendix I) as data, and back:
 *
 *   (nothing)                       one-to-one by storage group and store name
 *   SrcGroup:TgtGroup               every store of a source group to the store of the same name in a target group
 *   SrcGroup, SrcStore:TgtGroup, TgtStore
 *
 * Spaces around the separators are ignored (the seed writes `Indy, Sales:Indy_Bkup, Sales`); names keep their inner
 * spaces and may hold parentheses ("Mailbox Store (EXCHVS)"). Names cannot contain `:` or `,`, which the seed's
 * syntax gives no way to escape.
 *
 * The seed's syntax line makes every part optional: `[<source_group>][,<source_mail_store>][:[<target_group>]
 * [,<target_mail_store>]]`. A target part left out means "the same name as on the source" (`-r Indy` is
 * `-r Indy:Indy`, `-r "Indy, Sales:Indy_Bkup"` is `-r "Indy, Sales:Indy_Bkup, Sales"`) [assumed: the seed does not
 * say]. A source part can never be left out: a rule without a source group, or with a target store but no source
 * store, names nothing and is refused.
 */
import type { PairingRule } from './engine-api';

/** A rule that does not parse: what is wrong, and the 1-based character of the rule text where it is. */
export class PairingRuleError extends Error {
  override readonly name = 'PairingRuleError';
  constructor(
    /** The rule text as given. */
    readonly rule: string,
    /** 1-based character position in `rule`. */
    readonly position: number,
    /** What is wrong, without the position. */
    readonly problem: string,
  ) {
    super(`pairing rule ${JSON.stringify(rule)}: ${problem} at character ${position}`);
  }
}

interface Part {
  /** The name with surrounding spaces removed; '' when absent or blank. */
  readonly name: string;
  /** 1-based position of the part's first character (where a missing name would have been). */
  readonly position: number;
}

interface Side {
  readonly group: Part;
  readonly store: Part | undefined;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

function part(text: string, start: number, end: number): Part {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { name: raw.trim(), position: start + lead + 1 };
}

function side(text: string, start: number, end: number, label: 'source' | 'target'): Side {
  const comma = text.indexOf(',', start);
  if (comma === -1 || comma >= end) return { group: part(text, start, end), store: undefined };
  const second = text.indexOf(',', comma + 1);
  if (second !== -1 && second < end) {
    throw new PairingRuleError(text, second + 1, `a second ',' on the ${label} side (write "group, store"; names cannot contain ',')`);
  }
  const store = part(text, comma + 1, end);
  if (store.name === '') throw new PairingRuleError(text, store.position, `the ${label} store name after ',' is missing`);
  return { group: part(text, start, comma), store };
}

/**
 * Parses the text after one `-r`. `undefined`, empty or blank text is `-r` alone (one-to-one). Throws
 * {@link PairingRuleError}, and nothing else, for text that is not a rule.
 */
export function parsePairingRule(text: string | undefined): PairingRule {
  if (text === undefined || text.trim() === '') return { kind: 'one-to-one' };
  const control = CONTROL.exec(text);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new PairingRuleError(text, control.index + 1, `a control character (U+${code})`);
  }
  const colon = text.indexOf(':');
  if (colon !== -1) {
    const second = text.indexOf(':', colon + 1);
    if (second !== -1) {
      throw new PairingRuleError(text, second + 1, "a second ':' (one ':' separates source from target; names cannot contain ':')");
    }
  }
  const sourceEnd = colon === -1 ? text.length : colon;
  const source = side(text, 0, sourceEnd, 'source');
  if (source.group.name === '') {
    throw new PairingRuleError(text, source.group.position, 'the source storage group name is missing');
  }
  const target: Side = colon === -1 ? { group: { name: '', position: text.length + 1 }, store: undefined } : side(text, colon + 1, text.length, 'target');
  if (target.store !== undefined && source.store === undefined) {
    throw new PairingRuleError(
      text,
      target.store.position,
      `a target store needs a source store (write "${source.group.name}, <source store>:${target.group.name || source.group.name}, ${target.store.name}")`,
    );
  }
  const targetGroup = target.group.name === '' ? source.group.name : target.group.name;
  if (source.store === undefined) return { kind: 'group', sourceGroup: source.group.name, targetGroup };
  return {
    kind: 'store',
    sourceGroup: source.group.name,
    sourceStore: source.store.name,
    targetGroup,
    targetStore: target.store?.name ?? source.store.name,
  };
}

/** The canonical text of a rule, as `parsePairingRule` reads it back ('' for one-to-one). */
export function formatPairingRule(rule: PairingRule): string {
  switch (rule.kind) {
    case 'one-to-one':
      return '';
    case 'group':
      return `${rule.sourceGroup}:${rule.targetGroup}`;
    case 'store':
      return `${rule.sourceGroup}, ${rule.sourceStore}:${rule.targetGroup}, ${rule.targetStore}`;
  }
}

/** Whether a name can appear in a rule: not blank, no `:` or `,`, no control character, no surrounding spaces. */
export function isRuleName(name: string): boolean {
  return name !== '' && name.trim() === name && !/[:,]/.test(name) && !CONTROL.test(name);
}
