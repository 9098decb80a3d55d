import { describe, expect, it } from 'vitest';
import { channelsFromEnv } from './channels-from-env.js';

describe('channels from the environment', () => {
  const smtp = { ORMS_SMTP_URL: 'smtp://127.0.0.1:2525?tls=off' };

  it('configures email with its rate, and nothing else without its settings', async () => {
    const channels = channelsFromEnv({ ...smtp, ORMS_EMAIL_RATE: '300', ORMS_SMTP_CONNECTIONS: '2' });
    expect(Object.keys(channels)).toEqual(['email']);
    expect(channels.email!.ratePerSecond).toBe(300);
    await channels.email!.close();
  });

  it.each([['ORMS_SMTP_CONNECTIONS', '0'], ['ORMS_SMTP_CONNECTIONS', 'eight'], ['ORMS_EMAIL_RATE', '2.5'], ['ORMS_EMAIL_RATE', '-1']])('refuses %s=%s at start-up, naming the variable', (name, value) => {
    expect(() => channelsFromEnv({ ...smtp, [name]: value })).toThrow(new RegExp(`${name} must be a whole number of at least 1, got "${value}"`));
  });
});
