import type { PushAnswer } from '../../domain/protocol';
import type { DispatchDb, OutboxEntry } from '../data/db';

/** A batch the server answered, waiting to be written. */
export interface AnsweredPush {
  batch: OutboxEntry[];
  answer: PushAnswer;
}

export interface FlushOptions {
  db: DispatchDb;
  /** Commands per push (the server takes up to 500). */
  batchSize: number;
  /** Pushes sent and not answered yet, at most. */
  inFlight: number;
  /** Sends one batch; rejects on an error answer, a timeout or a lost connection. */
  send: (batch: OutboxEntry[]) => Promise<PushAnswer>;
  /**
   * Writes answered pushes (in order) in ONE transaction; returns, per push, the highest command id that
   * got its outcome (0 for none).
   */
  record: (answered: AnsweredPush[]) => Promise<number[]>;
}

/**
 * Batches kept read ahead of sending. A write holds the outbox (it is in the write's scope), so a batch
 * not read before the write starts cannot be read until it ends: the read-ahead must cover what the server
 * answers during one write (a write of several answers takes as long as the server takes for 4–7 pushes
 * on a 2-core machine). Refilled whenever fewer are left.
 */
const READ_AHEAD_BATCHES = 8;
/**
 * Answers written together, at most. One transaction for several answers pays one commit instead of
 * several, and an appointment moved in more than one of them is written once: the flush's writes cost
 * per row, so the more answers a write takes, the fewer rows the flush writes.
 */
const ANSWERS_PER_WRITE = 10;

interface SentPush {
  batch: OutboxEntry[];
  answer: Promise<PushAnswer>;
  /** Set once the answer is in (the write loop takes every answer already in, not just the first). */
  answered?: PushAnswer;
}

/**
 * Sends the unsent outbox in id order, in batches, and writes the answers, until nothing is left.
 *
 * The server's work and IndexedDB's are what a flush waits on, so the two overlap: up to `inFlight` pushes
 * await their answer while earlier answers are written, and each answer that comes in frees a slot for the
 * next batch at once (batches are read ahead, enough for the server never to wait on a write). Every answer
 * already in is written in one transaction.
 *
 * Sending ahead is safe because the server takes a client's commands only in id order and each id once:
 * when a batch is not fully answered, what was sent after it is refused as OUT_OF_ORDER (not consumed) or,
 * once resent, answered from the stored results. A failed push throws; the caller retries later and
 * resends from the first entry without an outcome.
 */
export async function flushOutbox(options: FlushOptions): Promise<void> {
  let after = 0;
  for (;;) {
    const resumeAfter = await flushFrom(options, after);
    if (resumeAfter === undefined) return;
    after = resumeAfter;
  }
}

/** One pass from command id `after`; returns where to resume if a batch was only partly answered. */
async function flushFrom(options: FlushOptions, after: number): Promise<number | undefined> {
  const { inFlight, send, record } = options;
  const reader = new UnsentBatches(options.db, options.batchSize, after);
  const unsent: OutboxEntry[][] = [];
  const sent: SentPush[] = [];
  // Answers of pushes this pass stopped caring about (an error, a partial answer) must not send more.
  let active = true;
  let unanswered = 0;
  const pump = () => {
    while (active && unsent.length && unanswered < Math.max(1, inFlight)) {
      const push: SentPush = { batch: unsent.shift()!, answer: undefined! };
      unanswered++;
      push.answer = send(push.batch);
      push.answer.then(
        (answer) => {
          push.answered = answer;
          unanswered--;
          pump();
        },
        // Awaited by the loop below, or never (sent ahead of one that failed): either way handled here.
        () => {
          unanswered--;
        },
      );
      sent.push(push);
    }
  };
  let firstRead = true;
  const readAhead = async () => {
    if (unsent.length < READ_AHEAD_BATCHES && !reader.exhausted) {
      // The first read takes only what goes out at once, so the first push leaves without waiting for a long read.
      const batches = firstRead ? Math.max(1, inFlight) : READ_AHEAD_BATCHES;
      firstRead = false;
      unsent.push(...(await reader.next(batches)));
    }
    pump();
  };
  try {
    await readAhead();
    while (sent.length) {
      const first = await sent[0].answer;
      let taken = 1;
      while (taken < Math.min(ANSWERS_PER_WRITE, sent.length) && sent[taken].answered) taken++;
      const group: AnsweredPush[] = sent
        .splice(0, taken)
        .map((push, index) => ({ batch: push.batch, answer: index === 0 ? first : push.answered! }));
      // Read the next batches before writing, so freed slots are refilled while the write runs.
      await readAhead();
      const handled = await record(group);
      for (const [index, { batch }] of group.entries()) {
        const last = batch[batch.length - 1].id;
        if (handled[index] === last) continue;
        if (!handled[index])
          throw new Error(`The server is missing commands before ${batch[0].id}; waiting for it to catch up.`);
        // Part of the batch without an outcome: whatever was sent after it is out of order; resend from there.
        return handled[index];
      }
    }
    return undefined;
  } finally {
    active = false;
  }
}

/**
 * The unsent outbox in id order, a few batches at a time. Applied entries wait in the outbox until the
 * log confirms them; they are read past by key range, one getAll per page (a filtered cursor from the
 * start would rescan every one of them each time).
 */
class UnsentBatches {
  exhausted = false;

  constructor(
    private readonly db: DispatchDb,
    private readonly size: number,
    private after: number,
  ) {}

  async next(batches: number): Promise<OutboxEntry[][]> {
    const limit = this.size * batches;
    for (;;) {
      const page = await this.db.outbox.where('id').above(this.after).limit(limit).toArray();
      if (page.length < limit) this.exhausted = true;
      if (!page.length) return [];
      this.after = page[page.length - 1].id;
      const unsent = page.filter((entry) => entry.ackedSeq === undefined);
      if (unsent.length) {
        const out: OutboxEntry[][] = [];
        for (let index = 0; index < unsent.length; index += this.size) out.push(unsent.slice(index, index + this.size));
        return out;
      }
      if (this.exhausted) return [];
    }
  }
}
