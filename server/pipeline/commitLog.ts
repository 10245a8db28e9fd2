import type { Change, Tx } from '../store/types';
import { keepDataText } from './changeText';
import { appendTo, type PublishedChanges } from './types';

/**
 * The change-log rows of one commit, by organization. Each organization a commit writes to gets one seq
 * (allocated at first use, in the order of first use) shared by all of its rows, so a commit is never
 * split across pull pages; `flush` appends the rows and queues them for the broadcast after COMMIT, each with
 * its data's JSON as written, which the broadcast reuses (changeText.ts).
 */
export class CommitLog {
  private readonly seqs = new Map<string, number>();
  private readonly rows = new Map<string, Omit<Change, 'seq'>[]>();

  constructor(private readonly tx: Tx) {}

  /** This commit's seq in an organization's log (the version of what the commit writes there). */
  async seq(organizationId: string): Promise<number> {
    let seq = this.seqs.get(organizationId);
    if (seq === undefined) {
      seq = await this.tx.nextSeq(organizationId);
      this.seqs.set(organizationId, seq);
      this.rows.set(organizationId, []);
    }
    return seq;
  }

  /** The seq already allocated in an organization's log, if the commit writes there. */
  seqOf(organizationId: string | null | undefined): number | undefined {
    return organizationId ? this.seqs.get(organizationId) : undefined;
  }

  /** The seq of the organization the commit wrote to first (its primary entity's). */
  get firstSeq(): number | undefined {
    return this.seqs.values().next().value;
  }

  /** Adds one row to the logs of these organizations (each once, even if named twice). */
  async add(organizationIds: Iterable<string>, row: Omit<Change, 'seq'>): Promise<void> {
    for (const organizationId of new Set(organizationIds)) {
      await this.seq(organizationId);
      this.rows.get(organizationId)!.push(row);
    }
  }

  async flush(published: PublishedChanges): Promise<void> {
    for (const [organizationId, seq] of this.seqs) {
      const changes = this.rows.get(organizationId)!.map((row) => ({ ...row, seq }));
      const texts = await this.tx.appendChanges(organizationId, changes);
      changes.forEach((change, index) => keepDataText(change, texts[index]));
      appendTo(published, organizationId, changes);
    }
  }
}
