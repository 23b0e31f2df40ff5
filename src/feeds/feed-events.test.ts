import { describe, expect, it } from 'vitest';
import { buildFeedPayload, feedTypesOf } from './feed-events.js';

describe('event feed types', () => {
  it('maps case events to the feed types they stand for, a resolve to two', () => {
    expect(feedTypesOf({ action: 'receive', toStatus: 'received' })).toEqual(['case.created']);
    expect(feedTypesOf({ action: 'accept', fromStatus: 'received', toStatus: 'accepted' })).toEqual([
      'case.status_changed',
    ]);
    expect(feedTypesOf({ action: 'resolve', fromStatus: 'in_progress', toStatus: 'resolved' })).toEqual([
      'case.status_changed',
      'case.resolved',
    ]);
    expect(feedTypesOf({ action: 'satisfaction' })).toEqual(['case.satisfaction']);
    // Notes, replies, clock moves: no status change, nothing for the feeds.
    expect(feedTypesOf({ action: 'reply', fromStatus: 'in_progress', toStatus: 'in_progress' })).toEqual([]);
    expect(feedTypesOf({ action: 'note' })).toEqual([]);
  });

  it('builds a payload of facts only, versioned', () => {
    const payload = buildFeedPayload(
      'e1',
      'case.resolved',
      3,
      new Date('2026-12-05T03:00:00Z'),
      {
        id: 'c1',
        kind: 'report',
        channel: 'zalo',
        audience: 'citizen',
        status: 'resolved',
        outcome: 'valid',
        satisfaction: null,
        receivedAt: new Date('2026-12-01T03:00:00Z'),
        organization: { code: 'ttyt-thuan-an' },
        unit: { code: 'ta-kkb' },
      },
      { fromStatus: 'in_progress', toStatus: 'resolved' },
    );
    expect(payload).toEqual({
      schema: 'langnghe.case-event',
      version: 1,
      id: 'e1',
      type: 'case.resolved',
      sequence: 3,
      occurredAt: '2026-12-05T03:00:00.000Z',
      case: {
        id: 'c1',
        organization: 'ttyt-thuan-an',
        unit: 'ta-kkb',
        kind: 'report',
        channel: 'zalo',
        audience: 'citizen',
        status: 'resolved',
        previousStatus: 'in_progress',
        outcome: 'valid',
        satisfaction: null,
        receivedAt: '2026-12-01T03:00:00.000Z',
      },
    });
  });
});
