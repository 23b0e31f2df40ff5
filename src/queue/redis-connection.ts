import { Redis } from 'ioredis';

export type { Redis };

/** BullMQ workers need maxRetriesPerRequest null; queues and the app share the same settings. */
export function connectRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
}
