// How much one web chat session may upload in a day: a number of files and a number of bytes. The
// draft already caps its attachments (MAX_ATTACHMENTS_PER_SUBMISSION), but every upload is read,
// checked and stored before the dialog counts it, and a session can start draft after draft; this
// bounds the disk and bandwidth one session costs. Counted in Redis by session key (itself a hash),
// checked before the body is read.
import type { Redis } from 'ioredis';

const WINDOW_SECONDS = 24 * 3600;

/**
 * Refuses without counting when either total would pass its limit (returns the seconds until the
 * window ends), else counts the file and its bytes (returns 0). The window starts at the first file.
 */
const TAKE = `
local files = tonumber(redis.call('GET', KEYS[1]) or '0')
local bytes = tonumber(redis.call('GET', KEYS[2]) or '0')
local size = tonumber(ARGV[1])
if files + 1 > tonumber(ARGV[2]) or bytes + size > tonumber(ARGV[3]) then
  return math.max(redis.call('TTL', KEYS[1]), 1)
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
if redis.call('INCRBY', KEYS[2], size) == size then redis.call('EXPIRE', KEYS[2], ARGV[4]) end
return 0
`;

export interface UploadQuota {
  /** 0 when the file may come in (and is counted), else seconds until the session may upload again. */
  take(sessionKey: string, sizeBytes: number): Promise<number>;
}

export function createUploadQuota(
  redis: Redis,
  prefix: string,
  limits: { filesPerDay: number; bytesPerDay: number },
): UploadQuota {
  return {
    async take(sessionKey, sizeBytes) {
      const key = `${prefix}:web:uploads:${sessionKey}`;
      const wait = await redis.eval(
        TAKE,
        2,
        `${key}:files`,
        `${key}:bytes`,
        sizeBytes,
        limits.filesPerDay,
        limits.bytesPerDay,
        WINDOW_SECONDS,
      );
      return Number(wait);
    },
  };
}
