/** Display status derivation, the palette, and the small helpers around them. */
import { describe, expect, it } from 'vitest';
import {
  apiJobStatus,
  completeReasonsFor,
  deriveJobStatus,
  fullName,
  isLive,
  isOnProviderBoard,
  LEGEND_STATUSES,
  roleFor,
  STATUS_STYLES,
  type Appointment,
  type AppointmentStatus,
  type JobDisplayStatus,
  type JobLifecycle,
  type UserRole,
} from '../../../domain';
import { COMPLETE_REASONS } from './fixtures';

const reasonOf = (id: string) => COMPLETE_REASONS.find((reason) => reason.id === id);

/** "complete:cr-waiting-for-parts@2" → a visit completed at t=2 with that reason. */
function visit(spec: string): Pick<Appointment, 'status' | 'completedAt' | 'completeReasonId'> {
  const [head, when] = spec.split('@');
  const [status, completeReasonId] = head!.split(':');
  return { status: status as AppointmentStatus, completeReasonId, completedAt: when ? Number(when) : undefined };
}

describe('deriveJobStatus', () => {
  // [lifecycle, appointments, display status]
  const TABLE: [JobLifecycle, string[], JobDisplayStatus][] = [
    ['offered', [], 'offered'],
    ['open', [], 'unscheduled'],
    ['open', ['canceled'], 'unscheduled'],
    ['open', ['scheduled'], 'scheduled'],
    ['open', ['enroute'], 'in_progress'],
    ['open', ['started'], 'in_progress'],
    ['open', ['scheduled', 'enroute'], 'in_progress'],
    ['open', ['complete:cr-waiting-for-parts@1', 'started'], 'in_progress'],
    ['open', ['complete:cr-waiting-for-parts@1'], 'paused'],
    ['open', ['complete:cr-no-show@1', 'canceled'], 'paused'],
    // The seed's example: parts ordered on the first visit, a second one scheduled to install them.
    ['open', ['complete:cr-waiting-for-parts@1', 'scheduled'], 'scheduled'],
    // The last visit to finish decides, whatever the order in the list.
    ['open', ['complete:cr-repaired@1', 'complete:cr-follow-up@2'], 'paused'],
    ['open', ['complete:cr-follow-up@2', 'complete:cr-repaired@1'], 'paused'],
    ['open', ['complete:cr-follow-up@1', 'complete:cr-ready-for-billing@2'], 'complete'],
    // A visit completed "Repaired" while another was live, and that one then canceled: the job ended Complete.
    ['open', ['complete:cr-repaired@1', 'canceled'], 'complete'],
    // Finished without a reason (an older client, not the last visit at the time), or with one nobody
    // knows: the job waits for a dispatcher (Paused), never Unscheduled once a visit completed.
    ['open', ['complete@1'], 'paused'],
    ['open', ['complete:cr-vanished@1'], 'paused'],
    ['open', ['complete:cr-e2-backorder@1'], 'paused'],
    // A complete job: the live revisit decides while it lasts; without one it stays Complete.
    ['complete', ['complete:cr-repaired@1'], 'complete'],
    ['complete', ['complete:cr-waiting-for-parts@1'], 'complete'],
    ['complete', ['complete:cr-repaired@1', 'canceled'], 'complete'],
    ['complete', ['complete:cr-repaired@1', 'scheduled'], 'scheduled'],
    ['complete', ['complete:cr-repaired@1', 'enroute'], 'in_progress'],
    ['complete', ['complete:cr-repaired@1', 'started'], 'in_progress'],
    // Offers and closed jobs show their lifecycle whatever the appointments say.
    ['offered', ['scheduled'], 'offered'],
    ['canceled', ['canceled'], 'canceled'],
    ['rejected', [], 'rejected'],
  ];

  it.each(TABLE)('%s job with [%s] → %s', (lifecycle, appointments, expected) => {
    expect(deriveJobStatus({ lifecycle }, appointments.map(visit), reasonOf)).toBe(expected);
  });
});

describe('the palette', () => {
  it('colors the six legend statuses green, red, blue, orange, yellow, gray, in the order a job moves', () => {
    expect(
      LEGEND_STATUSES.map((status) => [status, STATUS_STYLES[status].label, STATUS_STYLES[status].colorName]),
    ).toEqual([
      ['offered', 'Offered', 'green'],
      ['unscheduled', 'Unscheduled', 'red'],
      ['scheduled', 'Scheduled', 'blue'],
      ['in_progress', 'In Progress', 'orange'],
      ['paused', 'Paused', 'yellow'],
      ['complete', 'Complete', 'gray'],
    ]);
  });

  it('gives the six legend statuses six different colors', () => {
    expect(new Set(LEGEND_STATUSES.map((status) => STATUS_STYLES[status].color)).size).toBe(6);
  });

  it.each([
    ['canceled', 'Canceled'],
    ['rejected', 'Declined'],
  ] as const)("shows %s in Complete's gray, labelled %s", (status, label) => {
    expect(STATUS_STYLES[status]).toEqual({ ...STATUS_STYLES.complete, label });
  });

  it.each(Object.entries(STATUS_STYLES))('%s has hex colors', (_status, style) => {
    for (const color of [style.color, style.background]) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });

  // WCAG 2.1 relative luminance and contrast ratio (1.4.3): chips and blocks write dark text on the fill.
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const value = parseInt(hex.slice(i, i + 2), 16) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };

  it.each(Object.entries(STATUS_STYLES))('%s keeps dark text readable on its fill (4.5:1)', (_status, style) => {
    expect(contrast('#212529', style.background)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('isOnProviderBoard', () => {
  it.each([
    [{ lifecycle: 'offered' }, true],
    [{ lifecycle: 'open' }, true],
    [{ lifecycle: 'complete' }, true],
    [{ lifecycle: 'canceled' }, true],
    [{ lifecycle: 'rejected' }, false],
    [{ lifecycle: 'canceled', withdrawn: true }, false],
  ] as const)('%o → %s', (job, expected) => {
    expect(isOnProviderBoard(job)).toBe(expected);
  });
});

describe('small helpers', () => {
  it.each([
    ['offered', 'offered'],
    ['unscheduled', 'unscheduled'],
    ['scheduled', 'scheduled'],
    ['in_progress', 'scheduled'],
    ['paused', 'paused'],
    ['complete', 'complete'],
    ['canceled', 'canceled'],
    ['rejected', 'rejected'],
  ] as const)('apiJobStatus(%s) → %s (the API has no "in progress")', (status, expected) => {
    expect(apiJobStatus(status)).toBe(expected);
  });

  it.each([
    ['scheduled', true],
    ['enroute', true],
    ['started', true],
    ['complete', false],
    ['canceled', false],
  ] as const)('isLive(%s) → %s', (status, expected) => {
    expect(isLive({ status })).toBe(expected);
  });

  it("offers a job the defaults plus its own source's reasons", () => {
    expect(completeReasonsFor('ent-1', COMPLETE_REASONS).map((reason) => reason.id)).toContain('cr-e1-invoiced');
    expect(completeReasonsFor('ent-1', COMPLETE_REASONS).map((reason) => reason.id)).not.toContain('cr-e2-backorder');
    expect(completeReasonsFor(null, COMPLETE_REASONS).every((reason) => reason.sourceId === null)).toBe(true);
  });

  it.each([
    [['dispatcher'], 'console', 'dispatcher'],
    [['technician'], 'console', null],
    [['technician'], 'mobile', 'technician'],
    [['dispatcher'], 'mobile', 'dispatcher'],
    [['dispatcher', 'technician'], 'mobile', 'technician'],
    [['dispatcher', 'technician'], 'integration', 'dispatcher'],
    [['technician'], 'integration', 'technician'],
    [['enterprise'], 'console', 'enterprise'],
    [['enterprise'], 'mobile', 'enterprise'],
    [[], 'integration', null],
  ] as [UserRole[], 'console' | 'mobile' | 'integration', string | null][])(
    'roleFor(%o, %s) → %s',
    (roles, path, expected) => {
      expect(roleFor({ roles }, path)).toBe(expected);
    },
  );

  it('writes full names without dangling spaces', () => {
    expect(fullName({ firstName: 'Tom', lastName: 'Baker' })).toBe('Tom Baker');
    expect(fullName({ firstName: 'Cher', lastName: '' })).toBe('Cher');
  });
});
