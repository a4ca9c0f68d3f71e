import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../account/user-agent';
import { isLocked, stageAfterPassword } from './rules';

describe('sign-in rules', () => {
  it('starts the session in the stage the user owes', () => {
    expect(stageAfterPassword({ totpEnabledAt: '2026-11-01T00:00:00Z', twoFactorRequired: 1 })).toBe(
      'two_factor',
    );
    expect(stageAfterPassword({ totpEnabledAt: '2026-11-01T00:00:00Z', twoFactorRequired: 0 })).toBe(
      'two_factor',
    );
    expect(stageAfterPassword({ totpEnabledAt: null, twoFactorRequired: 1 })).toBe('two_factor_setup');
    expect(stageAfterPassword({ totpEnabledAt: null, twoFactorRequired: 0 })).toBe('full');
  });

  it('treats an account as locked only until locked_until', () => {
    const now = new Date('2026-11-25T01:00:00Z');
    expect(isLocked(null, now)).toBe(false);
    expect(isLocked('2026-11-25T01:00:01.000Z', now)).toBe(true);
    expect(isLocked('2026-11-25T01:00:00.000Z', now)).toBe(false);
  });

  it('names devices by browser and system', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome(Windows)');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari(iOS)');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
      ),
    ).toBe('Edge(Windows)');
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent('curl/8.0')).toBeNull();
  });
});
