// An application with something to show in the console: facial IDs with payloads and PINs, a
// month of session verdicts (with verdict times) in the statistics, sign-on users with phones and a
// lock, and webhook deliveries in each state.
import { randomUUID } from 'node:crypto';
import { hashPin } from '../../src/security/pins.js';
import { pinDigest } from '../../src/security/secrets.js';
import { recordFailure } from '../../src/sign-on/lockouts.js';
import { addDevice, upsertUser } from '../../src/sign-on/store.js';
import type { CreatedApp } from '../../src/store/apps.js';
import { updateSettings } from '../../src/store/apps.js';
import type { Db } from '../../src/store/db.js';
import { insertEnrollment, recordEvent } from '../../src/store/facial-ids.js';
import { enqueueWebhook } from '../../src/webhooks/queue.js';

const DAY = 86_400_000;

/** Seeds `app`; returns its facial IDs. Deterministic counts (a pseudo-random but fixed sequence). */
export async function seedConsoleApp(db: Db, app: CreatedApp, now = Date.now()): Promise<{ facialIds: string[] }> {
  await updateSettings(db, app.app.id, { webhookUrl: 'https://shop.example/hooks/faceio' });
  const facialIds: string[] = [];
  const people = ['ada@example.com', 'grace@example.com', 'alan@example.com', 'katherine@example.com'];
  for (const [i, email] of people.entries()) {
    const facialId = randomUUID();
    facialIds.push(facialId);
    await insertEnrollment(db, {
      appId: app.app.id,
      facialId,
      payload: { email, plan: i % 2 ? 'pro' : 'free' },
      pinHash: await hashPin(`48${i}7`),
      pinDigest: pinDigest(app.app.pinPepper, `48${i}7`),
      gender: i % 2 ? 'male' : 'female',
      age: 30 + i,
      templates: [new Float32Array(512).fill(0.01 * (i + 1))],
    });
  }
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows: [number, string, string, number | null, number | null][] = [];
  for (let d = 29; d >= 0; d--) {
    const at = now - d * DAY;
    for (let k = 0; k < 1 + Math.floor(next() * 3); k++) rows.push([at, 'enroll', 'success', null, 3000 + next() * 3000]);
    for (let k = 0; k < 3 + Math.floor(next() * 8); k++) rows.push([at, 'authenticate', 'success', null, 900 + next() * 900]);
    if (next() < 0.5) rows.push([at, 'authenticate', 'UNRECOGNIZED_FACE', 3, 1500]);
    if (next() < 0.25) rows.push([at, 'enroll', 'PAD_ATTACK', 5, 2100]);
    if (next() < 0.2) rows.push([at, 'authenticate', 'NO_FACES_DETECTED', 2, null]);
  }
  for (const [at, kind, outcome, code, ms] of rows) {
    await recordEvent(db, app.app.id, kind, outcome, code, ms);
    await db.query('UPDATE events SET at = $2 WHERE id = (SELECT max(id) FROM events WHERE app_id = $1)', [app.app.id, new Date(at)]);
  }
  const ada = await upsertUser(db, app.app.id, 'ada', { email: 'ada@example.com', facialId: facialIds[0]! }, now);
  await addDevice(db, ada.id, { endpoint: 'https://fcm.googleapis.com/fcm/send/ada-phone', keys: { p256dh: 'k', auth: 'a' } }, now - 3 * DAY);
  const alan = await upsertUser(db, app.app.id, 'alan', { email: 'alan@example.com', facialId: facialIds[2]! }, now);
  await addDevice(db, alan.id, { endpoint: 'https://web.push.apple.com/alan-phone', keys: { p256dh: 'k', auth: 'a' } }, now - DAY);
  for (let i = 0; i < 5; i++) await recordFailure(db, alan.id, now);
  await upsertUser(db, app.app.id, 'grace', { email: 'grace@example.com' }, now);
  const url = 'https://shop.example/hooks/faceio';
  const delivered = await enqueueWebhook(db, { appId: app.app.id, url, event: 'enroll', data: { facialId: facialIds[0] }, now: now - 2 * DAY });
  await db.query("UPDATE webhook_deliveries SET status = 'delivered', attempts = 1, last_status = 200, delivered_at = $2 WHERE id = $1", [
    delivered.id,
    new Date(now - 2 * DAY),
  ]);
  const failed = await enqueueWebhook(db, { appId: app.app.id, url, event: 'authenticate', data: { facialId: facialIds[1] }, now: now - DAY });
  await db.query("UPDATE webhook_deliveries SET status = 'failed', attempts = 8, last_status = 503, last_error = 'HTTP 503' WHERE id = $1", [
    failed.id,
  ]);
  await enqueueWebhook(db, {
    appId: app.app.id,
    url,
    event: 'failure',
    data: { op: 'authenticate', error: 'UNRECOGNIZED_FACE' },
    now: now - 3_600_000,
  });
  return { facialIds };
}
