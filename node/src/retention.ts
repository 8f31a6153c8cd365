import type { NodeDeps } from './deps.js';
import { listApps } from './store/apps.js';
import { deleteIdle, recordEvent } from './store/facial-ids.js';

/**
 * Deletes facial IDs idle longer than each app's `retentionDays` (and their templates and index
 * entries), announcing each deletion by webhook. Returns how many were deleted.
 */
export async function sweepRetention(deps: Pick<NodeDeps, 'db' | 'index' | 'webhooks'>): Promise<number> {
  let deleted = 0;
  for (const app of await listApps(deps.db)) {
    const days = app.settings.retentionDays;
    if (days <= 0) continue;
    const ids = await deps.db.transaction(async (tx) => {
      const gone = await deleteIdle(tx, app.id, days);
      for (const facialId of gone) {
        await recordEvent(tx, app.id, 'deletion', 'retention');
        await deps.webhooks(tx, app.id, 'deletion', { facialId, reason: 'retention' });
      }
      return gone;
    });
    for (const facialId of ids) await deps.index.remove(app.id, facialId);
    deleted += ids.length;
  }
  return deleted;
}
