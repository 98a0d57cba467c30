// Loading the bundled corpus: five documents in "AI alignment reading group", idempotent, demo account on request.
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { DEMO_ACCOUNT, seed } from '../../prisma/seed';

describe('seed', () => {
  it('loads the five texts once, however often it runs, and adds the demo account only when asked', async () => {
    const first = await seed({ withDemoAccount: false });
    expect(first.documents.map((d) => d.status)).toEqual(['created', 'created', 'created', 'created', 'created']);
    expect(first.demoAccount).toBe('skipped');
    expect(await db.user.count({ where: { email: DEMO_ACCOUNT.email } })).toBe(0);

    const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: first.workspaceSlug } });
    expect(workspace.name).toBe('AI alignment reading group');
    const titles = await db.document.findMany({ where: { workspaceId: workspace.id }, select: { title: true, author: true } });
    expect(titles).toHaveLength(5);
    expect(titles).toContainEqual({ title: 'Power-seeking agents will likely be developed', author: 'Alec Harris' });
    const passages = await db.passage.count({ where: { workspaceId: workspace.id } });

    const second = await seed({ withDemoAccount: true, withDemoData: false });
    expect(second.documents.map((d) => d.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(second.demoAccount).toBe('created');
    expect(await db.document.count({ where: { workspaceId: workspace.id } })).toBe(5);
    expect(await db.passage.count({ where: { workspaceId: workspace.id } })).toBe(passages);

    const demo = await db.user.findUniqueOrThrow({
      where: { email: DEMO_ACCOUNT.email },
      include: { memberships: { select: { workspaceId: true, role: true } } },
    });
    expect(demo.passwordHash).not.toContain(DEMO_ACCOUNT.password);
    expect(await bcrypt.compare(DEMO_ACCOUNT.password, demo.passwordHash ?? '')).toBe(true);
    expect(demo.memberships).toEqual([{ workspaceId: workspace.id, role: 'owner' }]);

    const third = await seed({ withDemoAccount: true, withDemoData: false });
    expect(third.demoAccount).toBe('exists');
    expect(third.demoData).toBeNull();
    expect(await db.user.count({ where: { email: DEMO_ACCOUNT.email } })).toBe(1);
  });
});
