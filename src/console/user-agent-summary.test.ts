import { describe, expect, it } from 'vitest';
import { summarizeUserAgent } from './user-agent-summary.js';

describe('summarizeUserAgent', () => {
  it('names browser and system, nothing more', () => {
    expect(
      summarizeUserAgent(
        'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome · Android');
    expect(
      summarizeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge · Windows');
    expect(
      summarizeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari · iOS');
  });
  it('keeps nothing when it recognises nothing', () => {
    expect(summarizeUserAgent(undefined)).toBeNull();
    expect(summarizeUserAgent('curl/8.5.0')).toBeNull();
  });
});
