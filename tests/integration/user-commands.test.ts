/**
 * A technician's availability and skills as commands over the real server's socket: a dispatcher's
 * user.setAvailability and user.update are applied, logged as the user's change (broadcast to the other
 * dispatcher) and kept in the directory. (Technicians use the mobile app, not the socket: their own-hours rule is a domain test.)
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { User } from '../../domain';
import { SyncClient } from './support/client';
import { startInProcess, type InProcessServer } from './support/server';

let server: InProcessServer;
let dana: SyncClient;
let marcus: SyncClient;

beforeAll(async () => {
  server = await startInProcess();
  dana = await SyncClient.login(server.url, 'dispatcher@demo.test');
  marcus = await SyncClient.login(server.url, 'dispatcher2@demo.test');
}, 120_000);

afterAll(async () => {
  for (const client of [dana, marcus]) client?.close();
  await server?.dispose();
});

const availability = {
  weekly: [{ weekday: 1, start: '07:00', end: '15:30' }],
  timeOff: [{ start: Date.UTC(2030, 0, 2, 6), end: Date.UTC(2030, 0, 3, 6), reason: 'Training' }],
};

describe("a technician's hours and skills over the socket", () => {
  test("a dispatcher's changes are applied, broadcast as the user's change and kept", async () => {
    const hours = dana.command('user.setAvailability', { userId: 'u-tech2', availability });
    const skills = dana.command('user.update', { userId: 'u-tech2', skills: ['hvac', 'EPA 608', 'Ladder'] });
    const answer = await dana.push([hours, skills]);
    expect(answer.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const seq = answer.results[1].seq!;
    const seen = await marcus.waitForBroadcast((changes) =>
      changes.some((change) => change.kind === 'user' && change.id === 'u-tech2' && change.seq === seq),
    );
    const user = seen.filter((change) => change.kind === 'user').at(-1)!.data as User;
    expect(user).toMatchObject({ availability, skills: ['hvac', 'EPA 608', 'Ladder'] });
    expect(server.context.directory.user('u-tech2')).toMatchObject({
      availability,
      skills: ['hvac', 'EPA 608', 'Ladder'],
    });
  });
});
