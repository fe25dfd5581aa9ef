/** At most this much of a receiver's answer is read (then the connection is dropped). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostOutcome {
  /** A 2xx answered within the timeout. */
  ok: boolean;
  status: number | null;
  error?: string;
}

/**
 * One POST to a receiver: no redirects followed (a 3xx is a failure: a
 * redirect could point anywhere, past the URL policy), one deadline for
 * connecting, answering and reading, and at most MAX_RESPONSE_BYTES read.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number | null = null;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal,
    });
    status = response.status;
    await drain(response);
    if (status >= 200 && status < 300) return { ok: true, status };
    return { ok: false, status, error: `answered ${status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : (cause ?? (error as Error).message);
    return { ok: false, status, error: message };
  }
}

async function drain(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
    if (read > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return;
    }
  }
}
