// The LRU behind the disagreement map's cache: least recently used out first, by count and by weight.
import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry past its entry cap', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('evicts until the total weight fits, and never stores a value heavier than the cap', () => {
    const cache = new LruCache<string>(10, 100);
    cache.set('a', 'x', 60);
    cache.set('b', 'y', 30);
    cache.set('c', 'z', 30);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.weight).toBe(60);
    cache.set('huge', 'w', 101);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')).toBe('y');
  });

  it('replaces a key in place, counting its new weight only', () => {
    const cache = new LruCache<string>(10, 100);
    cache.set('a', 'x', 50);
    cache.set('a', 'y', 20);
    expect(cache.get('a')).toBe('y');
    expect(cache.weight).toBe(20);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.weight).toBe(0);
  });
});
