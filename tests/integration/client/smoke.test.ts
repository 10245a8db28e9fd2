import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, openConsole, startDemoServer, type DemoServer } from './harness';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => demo?.stop());

test('a console syncs the demo, schedules an unscheduled job, and the server confirms it', async () => {
  const client = await openConsole(demo.server.url, 'dispatcher@demo.test');
  try {
    const job = await eventually(
      async () =>
        (await client.db.jobs.toArray()).find(
          (candidate) => candidate.lifecycle === 'open' && candidate.sourceId === null,
        ),
      'an own job',
    );
    const appointments = await client.db.appointments.where('jobId').equals(job.id).toArray();
    const start = Date.UTC(2030, 0, 7, 15);
    const id = await client.commands.schedule(job.id, { technicianId: 'u-tech1', start, durationMinutes: 120 });
    expect(await client.db.outbox.count()).toBe(1);
    await eventually(async () => (await client.db.outbox.count()) === 0, 'outbox to drain');
    const confirmed = await client.db.appointments.get(id);
    expect(confirmed?.start).toBe(start);
    expect(appointments.some((appointment) => appointment.id === id)).toBe(false);
    const onServer = await demo.server.context.store.getAppointment(id);
    expect(onServer?.technicianId).toBe('u-tech1');
  } finally {
    await client.close();
  }
});
