import { describe, expect, it } from 'vitest';
import type { Appointment, Job } from '../../../domain';
import { EntityCache } from '../../../server/store/entityCache';

const job = (id: string, title = id) => ({ id, title }) as unknown as Job;
const appointment = (id: string, start: number, jobId = 'j-1') => ({ id, jobId, start }) as unknown as Appointment;

/** A store read that counts how often it reached the database. */
function database<T>(value: T) {
  const read = { count: 0, value };
  return { read, load: async () => (read.count++, read.value) };
}

describe('the entity cache a store keeps of what commands read', () => {
  it('reads the database once, then answers from memory', async () => {
    const cache = new EntityCache();
    const { read, load } = database<Job | undefined>(job('j-1'));
    expect(await cache.readJob('j-1', load)).toEqual(job('j-1'));
    expect(await cache.readJob('j-1', load)).toEqual(job('j-1'));
    expect(read.count).toBe(1);
    // What the database does not hold is asked again: it may be written later.
    const missing = database<Job | undefined>(undefined);
    await cache.readJob('j-2', missing.load);
    await cache.readJob('j-2', missing.load);
    expect(missing.read.count).toBe(2);
  });

  it("keeps a job's appointment list whole and in start order as appointments are written", async () => {
    const cache = new EntityCache();
    const { read, load } = database([appointment('a-2', 20)]);
    expect((await cache.readAppointmentsOfJob('j-1', load)).map((one) => one.id)).toEqual(['a-2']);
    cache.wroteAppointment(appointment('a-1', 10));
    cache.wroteAppointment(appointment('a-2', 5));
    expect(await cache.readAppointmentsOfJob('j-1', load)).toEqual([appointment('a-2', 5), appointment('a-1', 10)]);
    expect(read.count).toBe(1);
  });

  it('forgets what a rolled-back savepoint wrote, and keeps what was written before it', async () => {
    const cache = new EntityCache();
    const list = database([appointment('a-1', 10)]);
    await cache.readAppointmentsOfJob('j-1', list.load);
    cache.wroteJob(job('j-1', 'before'));
    const mark = cache.mark;
    cache.wroteJob(job('j-9'));
    cache.wroteAppointment(appointment('a-2', 20));
    cache.rollBack(mark);
    const fromDatabase = database<Job | undefined>(job('j-9', 'as stored'));
    expect(await cache.readJob('j-9', fromDatabase.load)).toEqual(job('j-9', 'as stored'));
    expect(await cache.readJob('j-1', fromDatabase.load)).toEqual(job('j-1', 'before'));
    // The job's list held the rolled-back appointment: it is read again.
    await cache.readAppointmentsOfJob('j-1', list.load);
    expect(list.read.count).toBe(2);
    // After COMMIT a later rollback of the whole next transaction leaves the committed writes alone.
    cache.committed();
    cache.rollBack(0);
    expect(await cache.readJob('j-1', fromDatabase.load)).toEqual(job('j-1', 'before'));
  });

  it('holds at most 20,000 of a kind, dropping the oldest', async () => {
    const cache = new EntityCache();
    for (let index = 0; index <= 20_000; index++) cache.wroteJob(job(`j-${index}`));
    const { read, load } = database<Job | undefined>(job('j-0', 'reloaded'));
    expect(await cache.readJob('j-0', load)).toEqual(job('j-0', 'reloaded'));
    expect(await cache.readJob('j-20000', load)).toEqual(job('j-20000'));
    expect(read.count).toBe(1);
  });

  it('knows an appointment (its row exists) only while the write or read that brought it stands', async () => {
    const cache = new EntityCache();
    expect(cache.knownAppointment('a-1')).toBeUndefined();
    await cache.readAppointment('a-1', async () => appointment('a-1', 10));
    expect(cache.knownAppointment('a-1')).toEqual(appointment('a-1', 10));
    const mark = cache.mark;
    cache.wroteAppointment(appointment('a-2', 20));
    expect(cache.knownAppointment('a-2')).toEqual(appointment('a-2', 20));
    // A rolled-back insert leaves no row: the writer must not take it for an existing one.
    cache.rollBack(mark);
    expect(cache.knownAppointment('a-2')).toBeUndefined();
    expect(cache.knownAppointment('a-1')).toEqual(appointment('a-1', 10));
  });
});
