import type { Organization } from './entities';

/**
 * An organization's settings as the rest of the product reads them: every field has a default, so an
 * organization stored before a setting existed behaves sensibly without a data migration.
 */

/** When a visit, an offer or a paused job starts needing a dispatcher's attention. */
export interface AttentionThresholds {
  /** A visit whose start passed this long ago without On My Way is a late start. */
  lateStartGraceMinutes: number;
  /** An offer unanswered this long is waiting too long. */
  offerWaitingMinutes: number;
  /** A job Paused this many days is aging. */
  pausedAgingDays: number;
}

export const DEFAULT_ATTENTION: AttentionThresholds = {
  lateStartGraceMinutes: 15,
  offerWaitingMinutes: 60,
  pausedAgingDays: 3,
};

/** An organization that never chose a zone keeps UTC until a dispatcher sets its office's zone. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** The office's clock: the zone every time is shown and every day is cut in. */
export function officeTimeZone(organization: Pick<Organization, 'timeZone'> | undefined): string {
  return organization?.timeZone ?? DEFAULT_TIME_ZONE;
}

export function attentionThresholds(organization: Pick<Organization, 'attention'> | undefined): AttentionThresholds {
  return { ...DEFAULT_ATTENTION, ...organization?.attention };
}
