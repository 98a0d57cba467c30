// `cruxmap demo --workspace S --owner EMAIL`: loads the "demo" preset (lib/demo) into a workspace — generated
// reviewers, claims, credences, evidence, cruxes, a thread and a second round — with a progress bar on stderr.
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { assertDatabaseAvailable } from './database-guard';
import { operatorContext } from './operator-context';
import { UsageError } from './usage-error';

type Out = { log: (line: string) => void; error: (line: string) => void };

export async function demoLoad(options: { workspace: string; owner: string }, out: Out & { stderr: Writable }): Promise<void> {
  assertDatabaseAvailable();
  const { ownerIdByEmail } = await import('../demo/queries');
  const { workspace } = await operatorContext(options.workspace, { missingIsUsageError: true });
  const ownerId = await ownerIdByEmail({ workspaceId: workspace.id, email: options.owner });
  if (!ownerId) throw new UsageError(`--owner must be an owner of ${workspace.slug} (${options.owner} is not)`);

  const { loadDemoPreset } = await import('../demo/generate');
  const bar = new cliProgress.SingleBar(
    { stream: out.stderr, format: 'demo data [{bar}] {percentage}% | {value}/{total} annotations | {document}', hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const report = await loadDemoPreset({
    workspaceId: workspace.id,
    ownerId,
    onProgress: (done, total, document) => {
      if (!started) {
        bar.start(total, 0, { document });
        started = true;
      }
      bar.update(done, { document });
    },
  }).finally(() => started && bar.stop());
  if (report.status === 'exists') {
    out.log(`${workspace.slug} already has the demo data (${report.reviewers} generated reviewers); nothing added`);
    return;
  }
  out.log(
    `loaded the demo data into ${workspace.slug}: ${report.reviewers} generated reviewers, ${report.claims} claims, ` +
      `${report.annotations} annotations, ${report.replies} replies in ${(report.ms / 1000).toFixed(1)} s`,
  );
}
