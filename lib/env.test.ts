// The settings an operator gives are checked when the process starts: a bad one is named, not silently clamped.
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('CRUXMAP_PASSWORD_COST', () => {
  it("defaults to bcrypt's cost 12 and takes 4 to 15", () => {
    expect(parseEnv({}).CRUXMAP_PASSWORD_COST).toBe(12);
    expect(parseEnv({ CRUXMAP_PASSWORD_COST: '4' }).CRUXMAP_PASSWORD_COST).toBe(4);
    expect(parseEnv({ CRUXMAP_PASSWORD_COST: '15' }).CRUXMAP_PASSWORD_COST).toBe(15);
  });

  it('refuses a cost bcrypt cannot use, naming the setting', () => {
    for (const value of ['3', '16', '12.5', 'twelve']) {
      expect(() => parseEnv({ CRUXMAP_PASSWORD_COST: value })).toThrow(/CRUXMAP_PASSWORD_COST/);
    }
  });
});

describe('TRUST_PROXY', () => {
  it('defaults to no proxy and takes any whole number of proxies', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });

  it('refuses what is not a count of proxies, naming the setting', () => {
    for (const value of ['-1', '1.5', 'yes']) expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('DATABASE_REPLICA_URL', () => {
  it('is optional, and taken beside DATABASE_URL', () => {
    expect(parseEnv({}).DATABASE_REPLICA_URL).toBeUndefined();
    const both = parseEnv({ DATABASE_URL: 'postgresql://primary/db', DATABASE_REPLICA_URL: 'postgresql://replica/db' });
    expect(both.DATABASE_REPLICA_URL).toBe('postgresql://replica/db');
  });

  it('refuses a replica of the embedded database, and what is not a PostgreSQL URL, naming the setting', () => {
    expect(() => parseEnv({ DATABASE_REPLICA_URL: 'postgresql://replica/db' })).toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: 'postgresql://primary/db', DATABASE_REPLICA_URL: 'mysql://replica/db' })).toThrow(/DATABASE_REPLICA_URL/);
  });
});

describe('CRUXMAP_PUBLIC_URL', () => {
  it('takes an absolute http or https address', () => {
    expect(parseEnv({ CRUXMAP_PUBLIC_URL: 'https://cruxmap.example.org/' }).CRUXMAP_PUBLIC_URL).toBe('https://cruxmap.example.org/');
    expect(parseEnv({ CRUXMAP_PUBLIC_URL: 'http://10.0.0.5:8080' }).CRUXMAP_PUBLIC_URL).toBe('http://10.0.0.5:8080');
  });

  it('refuses another scheme or a relative address, naming the setting (every id and link is built from it)', () => {
    for (const value of ['ftp://cruxmap.example.org', 'javascript:alert(1)', 'cruxmap.example.org', '/cruxmap']) {
      expect(() => parseEnv({ CRUXMAP_PUBLIC_URL: value }), value).toThrow(/CRUXMAP_PUBLIC_URL must be an absolute http\(s\) URL/);
    }
  });
});
