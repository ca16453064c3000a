import { describe, expect, it } from 'vitest';
import { checkedProbeHost, probeHostProblem } from '../../../../src-main/incident/probes/probe-host';

describe('the host a probe is sent to', () => {
  it('takes IPv4 addresses and DNS names', () => {
    for (const host of ['127.0.0.1', '10.0.0.20', '255.255.255.255', 'exchvs1', 'dc1.example.com', 'exchvs1.example.com.', 'a-b.c']) {
      expect(probeHostProblem(host), host).toBeUndefined();
    }
  });

  it('refuses what ping would read as an option, and what is neither', () => {
    expect(probeHostProblem('-f')).toMatch(/begins with "-", which ping would read as an option/);
    expect(probeHostProblem('-c 100 10.0.0.20')).toMatch(/begins with "-"/);
    expect(probeHostProblem('')).toMatch(/empty/);
    expect(probeHostProblem('256.1.1.1')).toMatch(/each of its four numbers is 0 to 255/);
    expect(probeHostProblem('10.0.0')).toMatch(/four numbers/);
    expect(probeHostProblem('exch_vs1')).toMatch(/not a DNS name/);
    expect(probeHostProblem('a-.example.com')).toMatch(/not a DNS name/);
    expect(probeHostProblem('10.0.0.20; rm -rf /')).toMatch(/not a DNS name/);
    expect(probeHostProblem(`${'a'.repeat(64)}.com`)).toMatch(/not a DNS name/);
    expect(probeHostProblem(Array.from({ length: 60 }, () => 'abcd').join('.'))).toMatch(/longer than a DNS name may be/);
    expect(() => checkedProbeHost('-f')).toThrow(/begins with "-"/);
  });
});
