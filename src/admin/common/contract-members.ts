import { t } from '@/wire';

/** An admin date member: UTC, whole seconds (seed 002's style). */
export const dateMember = (nullable = false) => ({
  type: t.date(),
  dateStyle: 'utc-seconds' as const,
  nullable,
});
