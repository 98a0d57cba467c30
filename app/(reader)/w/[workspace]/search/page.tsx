// A workspace's search: the box, facets with their counts (type, document, kind; each a link that narrows the
// results or clears the filter), and the results, best first, with "Load more". Loaded on the server (it works
// without JavaScript); `/` anywhere in the workspace comes here (app/_components/search-shortcut.tsx).
import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { readableContext } from '../_components/workspace-access';
import { WorkspaceNav } from '../_components/workspace-nav';
import { SearchForm } from './_components/search-form';
import { SearchResults } from './_components/search-results';
import { AppError } from '@/lib/errors';
import { searchWorkspace } from '@/lib/search/queries';
import { searchQuerySchema, type SearchFacet, type SearchPage } from '@/lib/search/schemas';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Search' };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const filterNames = ['type', 'document', 'kind'] as const;
type Filters = Partial<Record<'q' | (typeof filterNames)[number], string>>;

const one = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function queryString(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') params.set(key, value);
  return params.toString();
}

function FacetGroup({ title, name, facets, filters, base }: { title: string; name: (typeof filterNames)[number]; facets: SearchFacet[]; filters: Filters; base: string }) {
  if (facets.length === 0 && !filters[name]) return null;
  const active = filters[name];
  return (
    <section aria-labelledby={`facet-${name}`} className="mb-5">
      <h2 id={`facet-${name}`} className="text-xs font-semibold tracking-wide text-stone-500 uppercase">
        {title}
      </h2>
      <ul className="mt-1 space-y-0.5 text-sm">
        {facets.map((facet) => (
          <li key={facet.value}>
            <Link
              href={`${base}?${queryString({ ...filters, [name]: facet.value })}`}
              aria-current={active === facet.value ? 'true' : undefined}
              className={`flex justify-between gap-2 rounded px-1 py-0.5 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-blue-600 ${active === facet.value ? 'font-semibold text-stone-900' : 'text-stone-700'}`}
            >
              <span className="truncate">{facet.label}</span>
              <span className="text-stone-500 tabular-nums">{facet.count}</span>
            </Link>
          </li>
        ))}
        {active && (
          <li>
            <Link href={`${base}?${queryString({ ...filters, [name]: undefined })}`} className="px-1 text-blue-700 underline">
              Any {title.toLowerCase()}
            </Link>
          </li>
        )}
      </ul>
    </section>
  );
}

export default async function SearchPageRoute({ params, searchParams }: Props) {
  const { workspace } = await params;
  const sp = await searchParams;
  const ctx = await readableContext(workspace);
  const filters: Filters = { q: one(sp.q), type: one(sp.type), document: one(sp.document), kind: one(sp.kind) };
  const base = `/w/${ctx.workspace.slug}/search`;

  let page: SearchPage | null = null;
  let errors: Record<string, string[]> = {};
  if (filters.q !== undefined && filters.q.trim() !== '') {
    const parsed = searchQuerySchema.safeParse({ ...filters, limit: 20 });
    if (!parsed.success) errors = z.flattenError(parsed.error).fieldErrors;
    else {
      try {
        page = await searchWorkspace({ ctx, query: parsed.data });
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
        errors = error.fields ?? (error.code === 'NOT_FOUND' ? { document: ['No such document in this workspace.'] } : { q: [error.message] });
      }
    }
  }
  const filterErrors = filterNames.flatMap((name) => (errors[name] ?? []).map((m) => `The ${name} filter ${m}.`));
  const apiQuery = queryString({ ...filters });

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <WorkspaceNav workspace={ctx.workspace} role={ctx.role} current="search" />
      <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
      <SearchForm action={base} initial={filters.q ?? ''} errors={errors.q ?? []} />
      {filterErrors.map((message) => (
        <p key={message} role="alert" className="mt-2 text-sm text-red-700">
          {message}
        </p>
      ))}
      {page && (
        <div className="mt-6 grid grid-cols-[minmax(0,1fr)] gap-6 md:grid-cols-[14rem_minmax(0,1fr)]">
          <aside aria-label="Filters" className="min-w-0">
            {page.facets && (
              <>
                <p className="mb-3 text-sm text-stone-600">
                  {page.facets.capped ? `More than ${page.facets.total} matches` : `${page.facets.total} ${page.facets.total === 1 ? 'match' : 'matches'}`}
                </p>
                <FacetGroup title="Type" name="type" facets={page.facets.type} filters={filters} base={base} />
                <FacetGroup title="Document" name="document" facets={page.facets.document} filters={filters} base={base} />
                <FacetGroup title="Kind" name="kind" facets={page.facets.kind} filters={filters} base={base} />
              </>
            )}
          </aside>
          <div className="min-w-0">
            {page.nearMatches && (
              <p className="mb-3 text-sm text-stone-600">
                Nothing matched exactly; showing near matches ({page.nearMatches.join(', ')}).
              </p>
            )}
            {page.items.length === 0 ? (
              <p className="text-stone-600">Nothing found{filters.type || filters.document || filters.kind ? ' with these filters' : ''}.</p>
            ) : (
              <SearchResults key={apiQuery} workspace={ctx.workspace.slug} query={apiQuery} items={page.items} nextCursor={page.nextCursor} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
