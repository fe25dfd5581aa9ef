import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signature: base64 HMAC-SHA256, keyed with the decoded
 * secret, of `${id}.${timestamp}.${body}`; sent as `v1,<signature>`.
 */
export function signWebhook(secret: Buffer, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}
