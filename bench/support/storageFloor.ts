/**
 * The server throughput's baseline (issue 14): the storage floor. The rows one applied `appointment.move` writes
 * through the real pipeline (server/pipeline/writeEffects.ts, outboxBatch.ts; server/store/sqlite/writer.ts) —
 * the appointment upserted, one activity event, two change-log rows (the appointment and the event), the
 * command's outcome, then per push the client's progress and per transaction the organization's sequence —
 * written by bare prepared statements into a fresh file of the same schema (SQLITE_SCHEMA and its migrations),
 * same pragmas (WAL, synchronous=FULL), on the same disk. No validation, no reads, no savepoints, no broadcast.
 * One transaction per group of `groupSize` commands (a push of B commands: B = 10 for the budget).
 *
 * It runs in this process, in slices that yield to the event loop, while every server side is idle.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { migrate, SQLITE_SCHEMA } from '../../server/store/sqlite/schema';
import { ownCpuSeconds } from './child';
import type { Measurement } from './load';
import { ORGANIZATION, TECHNICIANS } from './syncClients';

const HOUR = 3_600_000;
/** Synchronous work between two yields to the event loop (the bench's sockets stay served). */
const SLICE_MS = 20;
/** A sha256 in base64url, as outboxBatch.ts stores with each outcome. */
const FINGERPRINT = 'EorrqhfT3YWIX64UeNK9fGpP4DpgomEILgvjMrrzT2k';

export class StorageFloor {
  private readonly db: Database.Database;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly putAppointment: Database.Statement;
  private readonly appendActivity: Database.Statement;
  private readonly appendChange: Database.Statement;
  private readonly saveOutcome: Database.Statement;
  private readonly setProgress: Database.Statement;
  private readonly putSequence: Database.Statement;
  private seq = 0;
  private readonly lastIds: number[];
  private nextClient = 0;

  constructor(
    file: string,
    private readonly clients: number,
    readonly groupSize: number,
  ) {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.exec(SQLITE_SCHEMA);
    migrate(db, Date.now());
    this.db = db;
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    // The writer's statements, word for word.
    this.putAppointment = db.prepare(
      `INSERT INTO appointments (id, job_id, organization_id, source_id, technician_id, start, status, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, organization_id = excluded.organization_id, source_id = excluded.source_id,
         technician_id = excluded.technician_id, start = excluded.start, status = excluded.status, data = excluded.data`,
    );
    this.appendActivity = db.prepare('INSERT INTO activity (id, job_id, received_at, data) VALUES (?, ?, ?, ?)');
    this.appendChange = db.prepare(
      'INSERT INTO changes (organization_id, seq, idx, kind, entity_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.saveOutcome = db.prepare(
      'INSERT INTO command_results (client_id, command_id, result, recorded_at) VALUES (?, ?, ?, ?)',
    );
    this.setProgress = db.prepare(
      'INSERT INTO clients (client_id, user_id, last_id) VALUES (?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET last_id = excluded.last_id',
    );
    this.putSequence = db.prepare(
      'INSERT INTO org_sequences (organization_id, seq) VALUES (?, ?) ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq',
    );
    this.lastIds = Array.from({ length: clients }, () => 0);
  }

  /** One transaction: the next client's push of `groupSize` moves, as the pipeline writes it. */
  private writeGroup(): void {
    const client = this.nextClient;
    this.nextClient = (client + 1) % this.clients;
    const clientId = `floor-c${client}`;
    const jobId = `floor-job${client}`;
    const now = Date.now();
    this.begin.run();
    try {
      for (let index = 0; index < this.groupSize; index++) {
        const commandId = ++this.lastIds[client];
        const version = ++this.seq;
        const which = commandId % 2;
        const appointmentId = `${jobId}-a${which}`;
        const start = now + 24 * HOUR + (commandId % 4 < 2 ? 9 : 13) * HOUR + which * 3 * HOUR;
        const technicianId = TECHNICIANS[(client + which) % TECHNICIANS.length];
        const appointment = {
          id: appointmentId,
          jobId,
          organizationId: ORGANIZATION,
          technicianId,
          start,
          durationMinutes: 60 + ((client + which) % 3) * 30,
          status: 'scheduled',
          version,
          updatedBy: 'Dana Whitfield',
          updatedAt: now,
          lastWrite: { clientId, basedOn: 0 },
        };
        const activityId = `act_${ORGANIZATION}.${version}.0`;
        const activity = {
          jobId,
          appointmentId,
          kind: 'appointment.moved',
          field: 'start',
          from: start - 4 * HOUR,
          to: start,
          summary: 'Appointment rescheduled',
          id: activityId,
          organizationId: ORGANIZATION,
          actorUserId: 'u-dispatcher',
          actorName: 'Dana Whitfield',
          actorRole: 'dispatcher',
          source: 'console',
          occurredAt: now,
          receivedAt: now,
          offline: false,
          version,
        };
        const appointmentJson = JSON.stringify(appointment);
        const activityJson = JSON.stringify(activity);
        this.putAppointment.run(
          appointmentId,
          jobId,
          ORGANIZATION,
          null,
          technicianId,
          start,
          'scheduled',
          appointmentJson,
        );
        this.appendActivity.run(activityId, jobId, now, activityJson);
        this.appendChange.run(ORGANIZATION, version, 0, 'appointment', appointmentId, appointmentJson);
        this.appendChange.run(ORGANIZATION, version, 1, 'activity', activityId, activityJson);
        const outcome = { id: commandId, status: 'applied', seq: version, fingerprint: FINGERPRINT };
        this.saveOutcome.run(clientId, commandId, JSON.stringify(outcome), now);
      }
      this.setProgress.run(clientId, 'u-dispatcher', this.lastIds[client]);
      this.putSequence.run(ORGANIZATION, this.seq);
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Writes groups back to back: a warm-up, then a counted window (the same lengths as the server's), yielding
   * to the event loop every SLICE_MS. Returns commands committed per second of the window, and this process's
   * CPU over it (the floor's own).
   */
  async measure(warmupMs: number, windowMs: number): Promise<Measurement> {
    const latencies: number[] = [];
    const run = async (ms: number, counted: boolean) => {
      const end = performance.now() + ms;
      let groups = 0;
      while (performance.now() < end) {
        const sliceEnd = Math.min(end, performance.now() + SLICE_MS);
        while (performance.now() < sliceEnd) {
          const startedAt = performance.now();
          this.writeGroup();
          if (counted) latencies.push(performance.now() - startedAt);
          groups++;
        }
        await yieldToLoop();
      }
      return groups;
    };
    await run(warmupMs, false);
    const cpuAtStart = ownCpuSeconds();
    const startedAt = performance.now();
    const groups = await run(windowMs, true);
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = ((ownCpuSeconds() - cpuAtStart) / seconds) * 100;
    return {
      perSecond: (groups * this.groupSize) / seconds,
      pushesPerSecond: groups / seconds,
      latencies,
      rateLimited: 0,
      // The floor runs in this process: its CPU is the "server" CPU here.
      serverCpuPercent: cpu,
      clientCpuPercent: cpu,
      rates: {},
      windowMs: seconds * 1000,
    };
  }

  close(): void {
    this.db.close();
  }
}
