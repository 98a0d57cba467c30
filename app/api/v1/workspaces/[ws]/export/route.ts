// GET /api/v1/workspaces/:ws/export?format=jsonl|csv|w3c|credences|package|polis&document=&kind=&author=&from=&to=&pseudonymise=
//   (&identities=1 with format=package, owners only: a zip of the Frictionless data package, lib/datasets/package;
//   format=polis: a zip of Polis's comments.csv, votes.csv and participants-votes.csv, lib/datasets/package/polis.ts)
//   — the workspace's annotations as a dataset, streamed from the database as it is written (members: observers
//   and up). `X-Export-Total` says how many annotations (credences: reviewer rows) will follow. A user runs at most
//   LIMITS.exports.perUser exports at once (429 with Retry-After past it).
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { prepareExport } from '@/lib/datasets/export';
import { takeExportSlot } from '@/lib/datasets/export-slots';
import { exportStream } from '@/lib/datasets/export-stream';
import { preparePackage } from '@/lib/datasets/package/package';
import { preparePolis } from '@/lib/datasets/package/polis';
import { PACKAGE_CONTENT_TYPE, packageWebStream } from '@/lib/datasets/package/package-writers';
import { exportQuerySchema, filtersFromQuery } from '@/lib/datasets/schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ workspace: 'export', params: workspaceParams, query: exportQuerySchema }, async ({ ctx, query }) => {
  const release = takeExportSlot(ctx.userId ?? 'operator');
  if (query.format === 'package' || query.format === 'polis') {
    let pkg;
    let total: number;
    try {
      pkg = query.format === 'polis' ? await preparePolis({ ctx }) : await preparePackage({ ctx, identities: query.identities });
      total = await pkg.total();
    } catch (error) {
      release();
      throw error;
    }
    return new Response(packageWebStream(pkg, release), {
      status: 200,
      headers: {
        'Content-Type': PACKAGE_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="${pkg.filename}"`,
        'Cache-Control': 'no-store',
        'X-Export-Total': String(total),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }
  let prepared;
  try {
    prepared = await prepareExport({ ctx, format: query.format, filters: filtersFromQuery(query) });
  } catch (error) {
    release();
    throw error;
  }
  return new Response(exportStream(prepared, release), {
    status: 200,
    headers: {
      'Content-Type': prepared.contentType,
      'Content-Disposition': `attachment; filename="${prepared.filename}"`,
      'Cache-Control': 'no-store',
      'X-Export-Total': String(prepared.total),
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
