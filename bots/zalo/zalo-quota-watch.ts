// The OA-wide quotas Zalo reports with each message it sends (the proactive quota of a verified
// OA, the ZNS daily quota): when one falls to an alert level, officers are told once; the level is
// armed again when the quota climbs back above it (Zalo renewed it). Levels are percentages of the
// total Zalo reports (ZALO_QUOTA_ALERT_PERCENTS). State is in Redis, shared by every process.
import type { Redis } from 'ioredis';
import type { ZaloQuota } from './zalo-api.js';

export interface ZaloQuotaWatchOptions {
  redis: Redis;
  prefix: string;
  /** Highest first, e.g. [20, 5, 0]. */
  percents: readonly number[];
  /** Tells officers; `key` is unique to this crossing. */
  alert: (text: string, key: string) => Promise<unknown>;
  nowMs?: () => number;
}

const NAMES: Record<Exclude<ZaloQuota['kind'], 'reply'>, string> = {
  proactive: 'tin chủ động (tin tư vấn ngoài 48 giờ) của OA',
  zns: 'tin ZNS trong ngày',
};

export function quotaAlertText(quota: ZaloQuota & { kind: 'proactive' | 'zns' }): string {
  const left = quota.total !== undefined ? `${quota.remain}/${quota.total}` : String(quota.remain);
  return (
    `⚠️ Hạn mức ${NAMES[quota.kind]} sắp hết: còn ${left}. ` +
    (quota.remain === 0
      ? 'Thông báo cho người dân qua Zalo sẽ được giữ lại đến khi họ nhắn lại cho OA (trang tra cứu vẫn hiển thị kết quả).'
      : 'Khi hết, thông báo cho người dân qua Zalo sẽ được giữ lại đến khi họ nhắn lại cho OA.')
  );
}

export function createZaloQuotaWatch(options: ZaloQuotaWatchOptions) {
  const { redis, prefix } = options;
  const now = options.nowMs ?? Date.now;
  return {
    /** Called with every quota Zalo reports; the free replies to one person are not officers' business. */
    async observe(quota: ZaloQuota): Promise<void> {
      if (quota.kind === 'reply') return;
      const kind = quota.kind;
      const percent = quota.total ? (quota.remain / quota.total) * 100 : quota.remain === 0 ? 0 : 100;
      let crossed: number | undefined;
      for (const level of options.percents) {
        const key = `${prefix}:zalo:quota-alerted:${kind}:${level}`;
        if (percent <= level) {
          if ((await redis.set(key, '1', 'NX')) === 'OK') crossed = level;
        } else await redis.del(key);
      }
      if (crossed === undefined) return;
      await options.alert(quotaAlertText({ ...quota, kind }), `zalo:quota:${kind}:${crossed}:${now()}`);
    },
  };
}
