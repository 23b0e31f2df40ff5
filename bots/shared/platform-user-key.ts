// A platform's user id (Zalo user_id, Messenger PSID) in Redis key names: keyed with the channel's
// own secret so the names say nothing of who wrote.
import { createHmac } from 'node:crypto';

export function platformUserKey(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex').slice(0, 20);
}
