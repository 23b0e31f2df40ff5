import { describe, expect, it } from 'vitest';
import { ZChannelSubmissionSchema } from './channel-submission.schema.js';

const base = {
  submissionId: 'dlg-abcdefgh',
  channel: 'telegram',
  kind: 'report',
  audience: 'citizen',
  text: 'Chờ khám quá lâu',
} as const;
const replyTo = { channel: 'telegram', conversationId: '42' } as const;

describe('channel submission schema', () => {
  it('accepts each identity mode with what it needs', () => {
    for (const input of [
      { ...base, identityMode: 'named', contact: { phone: '0912345678' }, replyTo },
      { ...base, identityMode: 'sealed', replyTo },
      { ...base, identityMode: 'anonymous' },
      { ...base, audience: 'staff', identityMode: 'no_trace' },
    ]) {
      expect(ZChannelSubmissionSchema.safeParse(input).success).toBe(true);
    }
  });

  it('never keeps a reply handle for an anonymous or no-trace sender', () => {
    expect(
      ZChannelSubmissionSchema.safeParse({ ...base, audience: 'staff', identityMode: 'no_trace', replyTo })
        .success,
    ).toBe(false);
    expect(ZChannelSubmissionSchema.safeParse({ ...base, identityMode: 'anonymous', replyTo }).success).toBe(
      false,
    );
    expect(ZChannelSubmissionSchema.safeParse({ ...base, identityMode: 'sealed' }).success).toBe(false);
    expect(ZChannelSubmissionSchema.safeParse({ ...base, identityMode: 'named' }).success).toBe(false);
    expect(ZChannelSubmissionSchema.safeParse({ ...base, identityMode: 'no_trace' }).success).toBe(false);
    expect(
      ZChannelSubmissionSchema.safeParse({
        ...base,
        identityMode: 'sealed',
        replyTo: { ...replyTo, channel: 'zalo' },
      }).success,
    ).toBe(false);
  });

  it('drops what a reply handle does not need', () => {
    const parsed = ZChannelSubmissionSchema.parse({
      ...base,
      identityMode: 'sealed',
      replyTo: { ...replyTo, languageHint: 'vi' },
    });
    expect(parsed.replyTo).toEqual(replyTo);
  });
});
