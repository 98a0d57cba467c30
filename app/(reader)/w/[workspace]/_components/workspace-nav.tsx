// The tabs of a workspace's pages; owners see the management ones.
import Link from 'next/link';
import { hasRole } from '@/lib/context/context';
import type { Role } from '@/lib/context/roles';

export type WorkspaceTab = 'library' | 'search' | 'queue' | 'import' | 'export' | 'members' | 'settings' | 'audit';

export function WorkspaceNav({
  workspace,
  role,
  current,
}: {
  workspace: { slug: string; name: string };
  role: Role | null;
  current: WorkspaceTab;
}) {
  const isOwner = hasRole(role, 'owner');
  const tabs: { tab: WorkspaceTab; label: string; href: string; show: boolean }[] = [
    { tab: 'library', label: 'Library', href: `/w/${workspace.slug}`, show: true },
    { tab: 'search', label: 'Search', href: `/w/${workspace.slug}/search`, show: true },
    { tab: 'queue', label: 'Rate next', href: `/w/${workspace.slug}/queue`, show: hasRole(role, 'reviewer') },
    { tab: 'members', label: 'Members', href: `/w/${workspace.slug}/members`, show: role !== null },
    { tab: 'import', label: 'Import', href: `/w/${workspace.slug}/import`, show: isOwner },
    { tab: 'export', label: 'Export', href: `/w/${workspace.slug}/export`, show: role !== null },
    { tab: 'settings', label: 'Settings', href: `/w/${workspace.slug}/settings`, show: isOwner },
    { tab: 'audit', label: 'Audit log', href: `/w/${workspace.slug}/audit`, show: isOwner },
  ];
  return (
    <div className="mb-6">
      <p className="text-sm text-stone-600">
        <Link href={`/w/${workspace.slug}`} className="hover:underline">
          {workspace.name}
        </Link>
      </p>
      <nav aria-label="Workspace" className="-mx-4 mt-2 overflow-x-auto border-b border-stone-200 px-4">
        <ul className="flex gap-1">
          {tabs
            .filter((t) => t.show)
            .map((t) => (
              <li key={t.tab}>
                <Link
                  href={t.href}
                  aria-current={t.tab === current ? 'page' : undefined}
                  className={`-mb-px inline-flex min-h-11 items-center border-b-2 px-3 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600 ${
                    t.tab === current ? 'border-stone-900 font-semibold text-stone-900' : 'border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900'
                  }`}
                >
                  {t.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
    </div>
  );
}
