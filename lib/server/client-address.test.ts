// Which address a request counts against: the socket's peer without proxies, the hop the outermost trusted proxy
// wrote with them; never what the client wrote itself.
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddressOf, declareAddressStampingServer, resolveClientAddress, stampClientAddress } from './client-address';

describe('resolveClientAddress', () => {
  it('takes the socket and ignores X-Forwarded-For when no proxy is declared', () => {
    expect(resolveClientAddress({ remoteAddress: '203.0.113.9', forwardedFor: '10.1.2.3', trustProxy: 0 })).toBe('203.0.113.9');
  });

  it('takes the N-th hop from the right with N proxies, whatever the client wrote to its left', () => {
    const forwardedFor = '6.6.6.6, 198.51.100.7, 10.0.0.2';
    expect(resolveClientAddress({ remoteAddress: '10.0.0.1', forwardedFor, trustProxy: 1 })).toBe('10.0.0.2');
    expect(resolveClientAddress({ remoteAddress: '10.0.0.1', forwardedFor, trustProxy: 2 })).toBe('198.51.100.7');
  });

  it('falls back to the socket when the header has fewer hops than proxies, or the hop is not an address', () => {
    expect(resolveClientAddress({ remoteAddress: '10.0.0.1', forwardedFor: '198.51.100.7', trustProxy: 2 })).toBe('10.0.0.1');
    expect(resolveClientAddress({ remoteAddress: '10.0.0.1', forwardedFor: 'x, not-an-address', trustProxy: 1 })).toBe('10.0.0.1');
    expect(resolveClientAddress({ remoteAddress: '10.0.0.1', forwardedFor: undefined, trustProxy: 1 })).toBe('10.0.0.1');
  });

  it('counts an IPv4 client on a dual-stack socket as its IPv4 address', () => {
    expect(resolveClientAddress({ remoteAddress: '::ffff:127.0.0.1', forwardedFor: undefined, trustProxy: 0 })).toBe('127.0.0.1');
    expect(resolveClientAddress({ remoteAddress: '::1', forwardedFor: undefined, trustProxy: 0 })).toBe('::1');
  });
});

describe('stampClientAddress and clientAddressOf', () => {
  const stamping = Symbol.for('cruxmap.clientAddressServer');
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[stamping];
  });

  it('replaces a client-sent address header with the resolved one', () => {
    declareAddressStampingServer();
    const headers: Record<string, string | string[] | undefined> = { [CLIENT_ADDRESS_HEADER]: '1.2.3.4', 'x-forwarded-for': '5.6.7.8' };
    stampClientAddress(headers, '192.0.2.1', 0);
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe('192.0.2.1');
    expect(clientAddressOf(headers)).toBe('192.0.2.1');
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: '192.0.2.1' }))).toBe('192.0.2.1');
  });

  it('believes no address header in a process where no stamping server runs', () => {
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: '1.2.3.4' }))).toBeNull();
  });
});
