// The pure notification rules: mentions found (bounded, once each), newly mentioned on edit, recipients chosen,
// settings' defaults, due-soon, back-off and digest grouping.
import { describe, expect, it } from 'vitest';
import { chooseRecipients, groupByWorkspace, isDueSoon, mentionedUserIds, MENTIONS_MAX, mutedAfter, newlyMentioned, retryDelayMs, settingsDto } from './rules';

const mention = (id: string) => ({ type: 'mention', attrs: { id } });
const doc = (...inline: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content: inline }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [mention('deep')] }] }] }] });

describe('mentionedUserIds', () => {
  it('finds mentions at any depth, in order, once each, and ignores malformed ones', () => {
    expect(mentionedUserIds(doc(mention('a'), { type: 'text', text: 'x' }, mention('b'), mention('a'), { type: 'mention', attrs: { id: 7 } }, { type: 'mention' }))).toEqual(['a', 'b', 'deep']);
    expect(mentionedUserIds(null)).toEqual([]);
    expect(mentionedUserIds('text')).toEqual([]);
  });

  it('stops at MENTIONS_MAX on the worst input', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => mention(`u${i}`));
    expect(mentionedUserIds(doc(...many))).toHaveLength(MENTIONS_MAX);
  });
});

describe('newlyMentioned', () => {
  it('answers who the new text mentions that the old did not', () => {
    expect(newlyMentioned(doc(mention('a')), doc(mention('a'), mention('b')))).toEqual(['b']);
    expect(newlyMentioned(null, doc(mention('a')))).toEqual(['a', 'deep']);
    expect(newlyMentioned(doc(mention('a'), mention('b')), doc(mention('b')))).toEqual([]);
  });
});

describe('chooseRecipients', () => {
  it('never the actor, only members, not those who muted the type, each once', () => {
    const chosen = chooseRecipients({
      candidates: ['actor', 'm1', 'm2', 'm1', 'stranger', 'muted'],
      actorId: 'actor',
      members: new Set(['actor', 'm1', 'm2', 'muted']),
      mutedTypes: new Map([['muted', ['reply'] as const], ['m2', ['mention'] as const]]),
      type: 'reply',
    });
    expect(chosen).toEqual(['m1', 'm2']);
  });
});

describe('settings', () => {
  it('defaults to every type on and no email; muting and unmuting', () => {
    expect(settingsDto(null)).toEqual({ email: 'off', types: { reply: true, mention: true, round: true, claim_merged: true, claim_edited: true, invitation: true, assignment: true, assignment_due: true } });
    expect(mutedAfter(['reply'], { reply: true, round: false })).toEqual(['round']);
    expect(settingsDto({ email: 'daily', mutedTypes: ['round'] }).types.round).toBe(false);
  });
});

describe('timing', () => {
  it('due soon within a day of the due date, not long after it', () => {
    const now = new Date('2026-12-05T00:00:00Z');
    expect(isDueSoon(new Date('2026-12-05T23:00:00Z'), now)).toBe(true);
    expect(isDueSoon(new Date('2026-12-06T01:00:00Z'), now)).toBe(false);
    expect(isDueSoon(new Date('2026-12-03T00:00:00Z'), now)).toBe(false);
    expect(isDueSoon(null, now)).toBe(false);
  });

  it('backs off exponentially from a minute, capped at an hour', () => {
    expect([1, 2, 3, 10].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 3600_000]);
  });
});

describe('groupByWorkspace', () => {
  it('groups by workspace, workspaces by name, items oldest first', () => {
    const item = (slug: string, name: string, createdAt: string) => ({ workspace: { slug, name }, createdAt });
    const groups = groupByWorkspace([item('b', 'Beta', '2026-01-02'), item('a', 'Alpha', '2026-01-03'), item('b', 'Beta', '2026-01-01')]);
    expect(groups.map((g) => [g.workspace.name, g.items.map((i) => i.createdAt)])).toEqual([
      ['Alpha', ['2026-01-03']],
      ['Beta', ['2026-01-01', '2026-01-02']],
    ]);
  });
});
