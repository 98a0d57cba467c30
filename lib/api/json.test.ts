import { describe, expect, it } from 'vitest';
import { json, UNCOMPRESSED_JSON_MAX } from './json';

describe('json', () => {
  it('answers the body as JSON with the status and headers given', async () => {
    const response = json({ id: 'a1', text: 'é' }, { status: 201, headers: { location: '/x' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('location')).toBe('/x');
    expect(await response.json()).toEqual({ id: 'a1', text: 'é' });
  });

  it('marks a body of at most UNCOMPRESSED_JSON_MAX bytes (4 KiB) no-transform, so it is not compressed, and leaves a larger one', () => {
    const fits = { text: 'x'.repeat(UNCOMPRESSED_JSON_MAX - '{"text":""}'.length) };
    expect(JSON.stringify(fits)).toHaveLength(UNCOMPRESSED_JSON_MAX);
    expect(UNCOMPRESSED_JSON_MAX).toBe(4096);
    expect(json(fits).headers.get('cache-control')).toBe('no-transform');
    expect(json({ text: `${fits.text}x` }).headers.get('cache-control')).toBeNull();
  });

  it('counts bytes, not characters', () => {
    const wide = { text: 'é'.repeat(UNCOMPRESSED_JSON_MAX / 2) };
    expect(JSON.stringify(wide).length).toBeLessThan(UNCOMPRESSED_JSON_MAX);
    expect(json(wide).headers.get('cache-control')).toBeNull();
  });

  it("keeps the caller's Cache-Control", () => {
    expect(json({ ok: true }, { headers: { 'cache-control': 'private, no-cache' } }).headers.get('cache-control')).toBe('private, no-cache');
  });
});
