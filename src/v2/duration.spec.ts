import { DomainError } from '@/platform/errors/domain-error';
import { parseLifetime } from './duration';

describe('parseLifetime (protobuf Duration JSON)', () => {
  it.each([
    ['3600s', 3600],
    ['1.5s', 1.5],
    ['0.000000001s', 0.000000001],
  ])('reads %p as %p seconds', (text, seconds) => {
    expect(parseLifetime(text)).toBe(seconds);
  });

  it('treats absent or empty as not given', () => {
    expect(parseLifetime(undefined)).toBeUndefined();
    expect(parseLifetime(null)).toBeUndefined();
    expect(parseLifetime('')).toBeUndefined();
  });

  it.each([['3600'], ['0s'], ['-1s'], ['1.s'], ['1.0000000001s'], [' 1s'], ['1m'], ['1e3s']])(
    'refuses %p as InvalidArgument (gRPC 3)',
    (text) => {
      const error = errorOf(() => parseLifetime(text));
      expect(error).toBeInstanceOf(DomainError);
      expect(error?.grpcCode).toBe(3);
      expect(error?.code).toBe('SessionLifetimeInvalid');
    },
  );
});

function errorOf(action: () => unknown): DomainError | undefined {
  try {
    action();
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
}
