// "Delete everything" from the dashboard: every event, conversation and count goes in one
// transaction, so a half-deleted log never exists. The heartbeat stays: it is not about the
// child's chats, and the next summary still needs to know when protection was off.
import { REPORTED_KEY, type DB } from './db';

export async function deleteAll(db: DB): Promise<{ events: number }> {
  const tx = db.transaction(['events', 'conversations', 'daily', 'meta'], 'readwrite');
  const events = await tx.objectStore('events').count();
  await Promise.all([
    tx.objectStore('events').clear(),
    tx.objectStore('conversations').clear(),
    tx.objectStore('daily').clear(),
    tx.objectStore('meta').delete(REPORTED_KEY),
  ]);
  await tx.done;
  return { events };
}
