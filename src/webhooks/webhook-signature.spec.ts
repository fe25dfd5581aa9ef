import { signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    // From the spec's reference libraries (standard-webhooks/libraries, test vectors).
    const secret = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    expect(
      signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('changes with each signed part', () => {
    const secret = Buffer.alloc(32, 1);
    const base = signWebhook(secret, 'a', 1, '{}');
    expect(signWebhook(secret, 'b', 1, '{}')).not.toBe(base);
    expect(signWebhook(secret, 'a', 2, '{}')).not.toBe(base);
    expect(signWebhook(secret, 'a', 1, '{ }')).not.toBe(base);
    expect(signWebhook(Buffer.alloc(32, 2), 'a', 1, '{}')).not.toBe(base);
  });
});
