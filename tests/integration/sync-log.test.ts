import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Change, PullPage, WireCommand } from '../../domain/protocol';
import { SyncClient } from './support/client';
import { BASE_TIME, HOUR, newAppointmentArgs, newJobArgs, ORG_PROVIDER } from './support/data';
import { startInProcess, type InProcessServer } from './support/server';

const BATCH = 500;
const MOVES = 3_000;
const PAGE = 500;

let server: InProcessServer;
let dispatcher: SyncClient;

beforeAll(async () => {
  server = await startInProcess();
  dispatcher = await SyncClient.login(server.url, 'dispatcher@demo.test');
}, 120_000);

afterAll(async () => {
  dispatcher?.close();
  await server?.dispose();
});

async function pushAll(commands: WireCommand[]): Promise<void> {
  for (let offset = 0; offset < commands.length; offset += BATCH) {
    const answer = await dispatcher.push(commands.slice(offset, offset + BATCH));
    const refused = answer.results.filter((result) => result.status !== 'applied');
    expect(refused, JSON.stringify(refused.slice(0, 3))).toEqual([]);
  }
}

describe('pull through a long change log', () => {
  test('pages of 500 deliver every seq once, in order, never splitting a commit, ending at head', async () => {
    // 30 jobs × 3 appointments, then 3,000 moves spread over them: ≥ 3,000 commits, ~6,000 change rows.
    const jobs = Array.from({ length: 30 }, () => newJobArgs());
    await pushAll(jobs.map((job) => dispatcher.command('job.create', job)));
    const appointments = jobs.flatMap((job, index) =>
      [0, 1, 2].map((slot) => newAppointmentArgs(job.jobId, index * 3 + slot)),
    );
    await pushAll(appointments.map((appointment) => dispatcher.command('appointment.create', appointment)));
    const moves = Array.from({ length: MOVES }, (_, index) => {
      const appointment = appointments[index % appointments.length];
      return dispatcher.command('appointment.move', {
        appointmentId: appointment.id,
        start: BASE_TIME + 1_000 * HOUR + index * 60_000,
      });
    });
    const started = Date.now();
    await pushAll(moves);
    const pushMs = Date.now() - started;

    const truth = await server.context.store.changesAfter(ORG_PROVIDER, 0, Number.MAX_SAFE_INTEGER);
    const head = await server.context.store.headSeq(ORG_PROVIDER);
    expect(head).toBeGreaterThanOrEqual(MOVES + appointments.length + jobs.length);
    expect(truth.length).toBeGreaterThanOrEqual(2 * MOVES);

    const pages: PullPage[] = [];
    let cursor = 0;
    for (;;) {
      const page = await dispatcher.pull(cursor, PAGE);
      pages.push(page);
      expect(page.head).toBe(head);
      expect(page.changes.length, `page at cursor ${cursor}`).toBeGreaterThan(0);
      expect(page.changes.length).toBeLessThanOrEqual(PAGE);
      expect(page.cursor).toBe(page.changes.at(-1)!.seq);
      expect(page.cursor).toBeGreaterThan(cursor);
      cursor = page.cursor;
      if (!page.more) break;
      expect(pages.length, 'pull never ends').toBeLessThan(1_000);
    }
    expect(cursor).toBe(head);
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(truth.length / PAGE));

    const pulled: Change[] = pages.flatMap((page) => page.changes);
    // Nothing lost, nothing repeated, same order as the log.
    expect(pulled.length).toBe(truth.length);
    expect(pulled).toEqual(truth);
    const seqs = pulled.map((change) => change.seq);
    const distinct = [...new Set(seqs)];
    expect(distinct).toEqual(Array.from({ length: head }, (_, index) => index + 1));
    for (let index = 1; index < seqs.length; index++) expect(seqs[index]).toBeGreaterThanOrEqual(seqs[index - 1]);
    // A commit lives in exactly one page.
    const pageOfSeq = new Map<number, number>();
    pages.forEach((page, pageIndex) => {
      for (const change of page.changes) {
        const seen = pageOfSeq.get(change.seq);
        if (seen !== undefined && seen !== pageIndex)
          throw new Error(`seq ${change.seq} is split across pages ${seen} and ${pageIndex}`);
        pageOfSeq.set(change.seq, pageIndex);
      }
    });
    // The final state of every moved appointment is its last move.
    const latest = new Map(
      pulled
        .filter((change) => change.kind === 'appointment')
        .map((change) => [change.id, change.data as { start: number }]),
    );
    for (let index = MOVES - appointments.length; index < MOVES; index++) {
      const move = moves[index].args as { appointmentId: string; start: number };
      expect(latest.get(move.appointmentId)?.start).toBe(move.start);
    }
    console.info(
      `sync-log: ${MOVES} moves pushed in ${pushMs} ms; ${truth.length} changes, head ${head}, ${pages.length} pages`,
    );
  });

  test("coalesced pages: each entity once at its last value, every activity line, the cursor exact, the log's state", async () => {
    expect(dispatcher.hello.coalescedPull).toBe(true);
    const head = await dispatcher.head();
    const truth = await server.context.store.changesAfter(ORG_PROVIDER, 0, Number.MAX_SAFE_INTEGER);
    const stateOf = (changes: readonly Change[]) =>
      new Map(changes.map((change) => [`${change.kind}:${change.id}`, change.data]));
    const applied = new Map<string, unknown>();
    let cursor = 0;
    let pages = 0;
    let delivered = 0;
    for (;;) {
      const page = (await dispatcher.pullRaw({ cursor, limit: PAGE, coalesce: true })) as PullPage;
      pages++;
      expect(page.head).toBe(head);
      expect(page.changes.length).toBeGreaterThan(0);
      expect(page.changes.length).toBeLessThanOrEqual(PAGE);
      const keys = page.changes.map((change) => `${change.kind}:${change.id}`);
      expect(new Set(keys).size, 'an entity twice in one page').toBe(keys.length);
      // Exactly the last values of the log between the two cursors: whole commits, nothing past the cursor.
      const covered = truth.filter((change) => change.seq > cursor && change.seq <= page.cursor);
      expect(stateOf(page.changes)).toEqual(stateOf(covered));
      expect(Math.max(...page.changes.map((change) => change.seq))).toBeLessThanOrEqual(page.cursor);
      for (const [key, data] of stateOf(page.changes)) applied.set(key, data);
      delivered += page.changes.length;
      expect(page.cursor).toBeGreaterThan(cursor);
      cursor = page.cursor;
      if (!page.more) break;
      expect(pages, 'pull never ends').toBeLessThan(1_000);
    }
    expect(cursor).toBe(head);
    // A console applying the pages holds what the whole log says, with every activity line.
    expect(applied).toEqual(stateOf(truth));
    const activity = (changes: Iterable<string>) => [...changes].filter((key) => key.startsWith('activity:')).length;
    expect(activity(applied.keys())).toBe(truth.filter((change) => change.kind === 'activity').length);
    // 3,000 moves of 90 appointments: far fewer rows to write than the log has.
    expect(delivered).toBeLessThan(truth.length * 0.75);
  });

  test('a commit larger than the page limit arrives whole in one page', async () => {
    const job = newJobArgs();
    const appointments = Array.from({ length: 12 }, (_, index) => newAppointmentArgs(job.jobId, index));
    await pushAll([
      dispatcher.command('job.create', job),
      ...appointments.map((appointment) => dispatcher.command('appointment.create', appointment)),
    ]);
    const before = await dispatcher.head();
    await pushAll([dispatcher.command('job.cancel', { jobId: job.jobId, reason: 'Customer moved away' })]);
    const page = await dispatcher.pull(before, 5);
    // The job, its 12 appointments and an activity for each, all at one seq.
    expect(page.changes.length).toBeGreaterThanOrEqual(1 + 12 + 13);
    expect(new Set(page.changes.map((change) => change.seq))).toEqual(new Set([before + 1]));
    expect(page.cursor).toBe(before + 1);
    expect(page.more).toBe(false);
    expect(
      page.changes
        .filter((change) => change.kind === 'appointment')
        .map((change) => (change.data as { status: string }).status),
    ).toEqual(Array(12).fill('canceled'));
  });

  test('a cursor beyond head or another server id gets a reset, not changes', async () => {
    const head = await dispatcher.head();
    const ahead = await dispatcher.pullRaw({ cursor: head + 1, serverId: dispatcher.hello.serverId });
    expect(ahead).toMatchObject({
      reset: true,
      head,
      serverId: dispatcher.hello.serverId,
      reason: expect.stringMatching(/ahead of the server/),
    });
    expect(ahead).not.toHaveProperty('changes');
    const elsewhere = await dispatcher.pullRaw({ cursor: 0, serverId: 'a-server-that-was-replaced' });
    expect(elsewhere).toMatchObject({
      reset: true,
      serverId: dispatcher.hello.serverId,
      reason: expect.stringMatching(/replaced/),
    });
    expect(elsewhere).not.toHaveProperty('changes');
    // At head exactly: an empty page, nothing more.
    expect(await dispatcher.pull(head, 10)).toMatchObject({ changes: [], cursor: head, more: false, head });
  });
});
