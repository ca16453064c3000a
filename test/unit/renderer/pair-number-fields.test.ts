import { describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { checkPairDocument } from '../../../src-main/pair/parse-pair-document';
import { formatPath, setAt } from '../../../src-renderer/pair/json-path';
import { numberFieldText, numberFieldValue, parseNumberText } from '../../../src-renderer/pair/number-text';
import { ALL_GROUPS, fieldsShownBy, GUARD_MINUTES, MONITOR_INTERVAL, PROBE_PORT, STEP_GROUPS } from '../../../src-renderer/pair/pair-fields';
import { durationWords, timeToFailSeconds, timeToFailText } from '../../../src-renderer/pair/time-to-fail';

describe('a number field’s text', () => {
  it('is a number when it reads as one, spaces around allowed', () => {
    expect(parseNumberText('5')).toBe(5);
    expect(parseNumberText(' 12 ')).toBe(12);
    expect(parseNumberText('1.5')).toBe(1.5);
    expect(parseNumberText('-1')).toBe(-1);
    for (const text of ['', ' ', '5s', '0x10', '1e3', 'five', '1.2.3', '.']) expect(parseNumberText(text), text).toBeUndefined();
  });

  it('goes to the document as the number, as nothing when emptied on a field with a default, else as the text', () => {
    expect(numberFieldValue('25', false)).toBe(25);
    expect(numberFieldValue('', true)).toBeUndefined();
    expect(numberFieldValue('  ', true)).toBeUndefined();
    expect(numberFieldValue('', false)).toBe('');
    expect(numberFieldValue('5s', true)).toBe('5s');
  });

  it('shows the document’s value: a number, a text as it is, nothing for no value', () => {
    expect(numberFieldText(60)).toBe('60');
    expect(numberFieldText('5s')).toBe('5s');
    expect(numberFieldText(undefined)).toBe('');
    expect(numberFieldText(null)).toBe('');
  });

  it('is refused by the main process under the field’s own path when it is no whole number in range, accepted otherwise', () => {
    const lab = labPairDocument();
    const check = (path: readonly (string | number)[], text: string, hasDefault: boolean) => {
      const result = checkPairDocument(setAt(lab, path, numberFieldValue(text, hasDefault)));
      return result.ok ? { ok: true as const, document: result.document } : { ok: false as const, paths: result.problems.map((p) => p.path), messages: result.problems.map((p) => p.message) };
    };
    for (const text of ['0', '3601', '1.5', '5s']) {
      const result = check(MONITOR_INTERVAL.path, text, true);
      expect(result.ok ? [] : result.paths, text).toEqual(['monitor.intervalSeconds']);
    }
    const notWhole = check(MONITOR_INTERVAL.path, '1.5', true);
    expect(notWhole.ok ? '' : notWhole.messages[0]).toMatch(/whole seconds/);
    // Emptied: the default (5 s) applies.
    const emptied = check(MONITOR_INTERVAL.path, '', true);
    expect(emptied.ok && emptied.document.monitor.intervalSeconds).toBe(5);
    const guard = check(GUARD_MINUTES.path, '', true);
    expect(guard.ok && guard.document.incident.guardMinutes).toBe(60);
    expect(check(GUARD_MINUTES.path, '0', true).ok).toBe(true);
    // The port has no default: emptied, it is refused under its name.
    const tcp = setAt(lab, ['monitor', 'probe'], { kind: 'tcp' });
    const port = checkPairDocument(setAt(tcp, PROBE_PORT.path, numberFieldValue('', false)));
    expect(port.ok ? [] : port.problems.map((p) => p.path)).toEqual([formatPath(PROBE_PORT.path)]);
    expect(checkPairDocument(setAt(tcp, PROBE_PORT.path, numberFieldValue('25', false))).ok).toBe(true);
  });
});

describe('Time to Fail', () => {
  it('is the interval times the missed replies, a left-out value counting as its default', () => {
    expect(timeToFailSeconds(2, 3)).toBe(6);
    expect(timeToFailSeconds(undefined, undefined)).toBe(25);
    expect(timeToFailSeconds(10, undefined)).toBe(50);
    expect(timeToFailSeconds(0, 5)).toBeUndefined();
    expect(timeToFailSeconds(1.5, 5)).toBeUndefined();
    expect(timeToFailSeconds('5s', 5)).toBeUndefined();
  });

  it('is said in words with the defaults beside it', () => {
    expect(timeToFailText(2, 3)).toBe('Time to Fail = interval × missed replies: 6 s here, 25 s with the defaults (5 s × 5).');
    expect(timeToFailText('x', 3)).toBe('Time to Fail = interval × missed replies: 25 s with the defaults (5 s × 5).');
    expect(durationWords(125)).toBe('2 min 5 s');
    expect(durationWords(6000)).toBe('1 h 40 min');
    expect(durationWords(3600 * 1000)).toBe('1000 h');
  });
});

describe('the form’s labels for the monitor and the failover options', () => {
  it('names each new field in words, the rules by their row', () => {
    const labels = fieldsShownBy(ALL_GROUPS, (path) => (formatPath(path) === 'incident.rules' ? 2 : 0), formatPath);
    expect(labels.get('monitor.intervalSeconds')).toBe('Monitor interval');
    expect(labels.get('monitor.missedReplies')).toBe('Missed replies');
    expect(labels.get('monitor.probe.kind')).toBe('Probe');
    expect(labels.get('monitor.probe.port')).toBe('Probe TCP port');
    expect(labels.get('monitor.secondPath')).toBe('Second path');
    expect(labels.get('incident.rules')).toBe('ExchFailover rules');
    expect(labels.get('incident.rules[1]')).toBe('ExchFailover rule 2');
    expect(labels.get('incident.rules[2]')).toBeUndefined();
    expect(labels.get('incident.noRus')).toMatch(/-norus/);
    expect(labels.get('incident.noSpn')).toMatch(/-nospn/);
    expect(labels.get('incident.failbackAddress')).toBe('Failback address');
    expect(labels.get('incident.guardMinutes')).toBe('Guard period after a failback');
  });

  it('shows the failover options on the pair document page only: no setup step works from them', () => {
    expect(ALL_GROUPS).toContain('incident');
    for (const [step, groups] of Object.entries(STEP_GROUPS)) expect(groups, step).not.toContain('incident');
  });
});
