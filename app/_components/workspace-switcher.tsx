'use client';
// The header's workspace menu: the viewer's workspaces (the current one marked) and "New workspace".
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { HeaderMenu, menuItemStyles } from './header-menu';
import { roleLabels } from './format';

export type SwitcherWorkspace = { slug: string; name: string; role: 'owner' | 'reviewer' | 'observer' };

export function WorkspaceSwitcher({ workspaces }: { workspaces: SwitcherWorkspace[] }) {
  const pathname = usePathname();
  const currentSlug = /^\/w\/([^/]+)/.exec(pathname)?.[1];
  const current = workspaces.find((w) => w.slug === currentSlug);
  return (
    <HeaderMenu label={current ? `Workspace: ${current.name}. Switch workspace` : 'Workspaces'} summary={current?.name ?? 'Workspaces'}>
      <nav aria-label="Your workspaces">
        {workspaces.length === 0 ? (
          <p className="px-4 py-2 text-sm text-stone-600">You do not belong to a workspace yet.</p>
        ) : (
          <ul>
            {workspaces.map((w) => (
              <li key={w.slug}>
                <Link href={`/w/${w.slug}`} className={menuItemStyles} aria-current={w.slug === currentSlug ? 'page' : undefined}>
                  <span className={`block truncate ${w.slug === currentSlug ? 'font-semibold' : ''}`}>{w.name}</span>
                  <span className="block text-xs text-stone-500">{roleLabels[w.role]}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-1 border-t border-stone-200 pt-1">
          <Link href="/w/new" className={`${menuItemStyles} font-medium`}>
            + New workspace
          </Link>
        </div>
      </nav>
    </HeaderMenu>
  );
}
