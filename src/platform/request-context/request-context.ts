import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Binds the request id to everything the current request goes on to do, so
 * that an audit event written deep in a service carries the id of the
 * request that caused it without every call passing it along. Called once per
 * request, where the id is chosen (the logger's genReqId): `enterWith`
 * reaches the rest of that request's work and nothing started before it.
 */
export function enterRequestContext(requestId: string): void {
  storage.enterWith({ requestId });
}

/** The id of the request being served, or null outside one (start-up, CLI, background sweeps). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
