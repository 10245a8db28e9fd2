/** The board's pre-drop check reads what the dispatcher sees: confirmed visits with pending commands on top. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readSchedulingWarnings } from '../../../renderer/data/schedulingWarnings';
import { DANA, danasConsoleEachTest, JOB } from './fixtures';

const march = (day: number, hour: number) => Date.UTC(2031, 2, day, hour);

describe('readSchedulingWarnings', () => {
  const dana = danasConsoleEachTest();
  const check = (technicianId: string | null, start: number, appointmentId?: string) =>
    readSchedulingWarnings(dana.db, DANA, {
      jobId: JOB.id,
      appointmentId,
      technicianId,
      start,
      durationMinutes: 60,
    });

  it('finds a confirmed visit of the technician at that time (a started one too)', async () => {
    expect(await check('u-tech1', march(3, 16))).toEqual([
      { code: 'DOUBLE_BOOKED', message: 'Luis Herrera is already booked 3:00 PM–5:00 PM.' },
    ]);
    expect(await check('u-tech1', march(3, 17))).toEqual([]);
    expect(await check('u-tech2', march(3, 16))).toEqual([]);
    expect(await check(null, march(3, 16))).toEqual([]);
  });

  it('a visit being moved does not clash with itself', async () => {
    expect(await check('u-tech1', march(4, 15), 'apt-scheduled')).toEqual([]);
    expect(await check('u-tech1', march(4, 15))).toHaveLength(1);
  });

  it('counts pending moves: a visit moved away frees its time, one moved in takes it, also before the server answers', async () => {
    await dana.commands.move('apt-scheduled', { technicianId: 'u-tech2', start: march(5, 9) });
    expect(await check('u-tech1', march(4, 15))).toEqual([]);
    expect(await check('u-tech2', march(5, 9))).toEqual([
      { code: 'DOUBLE_BOOKED', message: 'Jake Sullivan is already booked 9:00 AM–11:00 AM.' },
    ]);
  });

  it("reads the times on the office's clock", async () => {
    const organization = (await dana.db.organizations.get('org-coolair'))!;
    await dana.db.organizations.put({ ...organization, timeZone: 'America/Chicago' });
    const [warning] = await check('u-tech1', march(3, 16));
    expect(warning?.message).toBe('Luis Herrera is already booked 9:00 AM–11:00 AM.');
  });
});
