// The per-(email, address) back-off: free attempts, then a lock that doubles with each further failure, capped.
import { describe, expect, it } from 'vitest';
import { backOffSeconds, signInKeys } from './rate-limit';

describe('backOffSeconds', () => {
  it('locks nothing before the fifth failure, then 15 minutes doubling up to a day', () => {
    expect([1, 2, 3, 4].map(backOffSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(backOffSeconds)).toEqual([900, 1800, 3600, 7200]);
    expect(backOffSeconds(12)).toBe(86_400);
    expect(backOffSeconds(1_000_000)).toBe(86_400);
  });
});

describe('signInKeys', () => {
  it('keys the email case-insensitively, per address, with no address key when the address is unknown', () => {
    const keys = signInKeys({ email: ' Ada@Example.test ', ip: '10.0.0.1' });
    expect(keys).toEqual({
      address: 'sign-in:ip:10.0.0.1',
      emailAtAddress: 'sign-in:email-ip:ada@example.test 10.0.0.1',
      email: 'sign-in:email:ada@example.test',
      knownAddress: 'sign-in:known:ada@example.test 10.0.0.1',
    });
    expect(signInKeys({ email: 'ada@example.test', ip: null }).address).toBeNull();
  });
});
