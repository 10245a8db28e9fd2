import { z } from 'zod';

/**
 * The sync protocol (socket.io) as data: every message a console and the server exchange, with its zod
 * schema and its type, and the limits. server/PROTOCOL.md explains it in words; this module is the
 * machine-readable contract, imported by the server, the console's sync engine, the simulator and the tests.
 */

// Version

/**
 * The protocol this code speaks. A console and a server talk only when they speak the same version
 * (server/PROTOCOL.md, "Versions"): additions a reader can skip (a new command name, a new change kind, a
 * new optional field) keep the number; anything an older peer would misread changes it.
 */
export const PROTOCOL_VERSION = 1;

/** Peers from before versioning announce nothing; they speak version 1. */
export const UNVERSIONED_PROTOCOL = 1;

/** The stable code of a handshake refused because the two sides speak different versions. */
export const PROTOCOL_MISMATCH = 'PROTOCOL_MISMATCH';

/** Whole numbers counting up from 1 (0 only ever names a console or server from before a release). */
export const ProtocolVersion = z.number().int().min(0).max(1_000_000);

/** Which side has to be updated for a console and a server to talk, or null when they already can. */
export type UpdateNeeded = 'console' | 'server';

export function updateNeeded(consoleVersion: number, serverVersion: number): UpdateNeeded | null {
  if (consoleVersion === serverVersion) return null;
  return consoleVersion < serverVersion ? 'console' : 'server';
}

/** What a dispatcher reads when the two sides cannot talk: nothing is sent, nothing is lost. */
export const UPDATE_NEEDED_WORDS: Readonly<Record<UpdateNeeded, string>> = {
  console: 'This console needs an update to talk to your server.',
  server: 'Your server needs an update to talk to this console.',
};

// Limits and formats

/** Commands in one push, at most. */
export const MAX_BATCH = 500;
/** Changes in one pull page, at most, and when the request names no limit. */
export const MAX_PULL = 5_000;
export const DEFAULT_PULL = 1_000;
/** Log rows one coalesced pull reads, at most (it stops sooner once its page is full). */
export const COALESCE_WINDOW = 50_000;
/**
 * Entities in one coalesced pull page, at most, to a server whose hello offers `maxCoalescedPull`: a console
 * far behind takes pages as large as COALESCE_WINDOW, so an entity changed all along the log is written once or
 * twice instead of once per page of MAX_PULL.
 */
export const MAX_COALESCED_PULL = 50_000;
/** Bytes in one socket.io message, at most. */
export const MAX_MESSAGE_BYTES = 1_000_000;

/** Made by the console, stable per installation and user (and renewed after a reset). */
export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/** Command ids count 1, 2, 3 … per client, without gaps. */
export const CommandId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** A position in an organization's change log; 0 is "before the first change". */
export const Seq = z.number().int().min(0);

// Handshake

/**
 * The one compression a client may ask its `changes` broadcasts in (`auth.changesEncoding`): raw DEFLATE
 * (RFC 1951) of the broadcast's JSON, sent as the binary `changesDeflated` event.
 */
export const DEFLATED_CHANGES_ENCODING = 'deflate-raw';
/** The event that carries a deflated `changes` broadcast (one binary argument). */
export const CHANGES_DEFLATED_EVENT = 'changesDeflated';

/**
 * What a console sends in socket.io's `auth`: its access token, the protocol it speaks, and optionally the
 * encoding it takes its broadcasts in (a server that does not offer it, or an older one, ignores it).
 */
export const HandshakeAuth = z.object({
  token: z.string().optional(),
  protocol: ProtocolVersion.optional(),
  changesEncoding: z.literal(DEFLATED_CHANGES_ENCODING).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** The `data` of a refused handshake's connect_error. Its shape is the same in every version. */
export const HandshakeRefusal = z.object({
  code: z.string(),
  message: z.string(),
  /** With PROTOCOL_MISMATCH: the version the server speaks. */
  protocol: ProtocolVersion.optional(),
});
export type HandshakeRefusal = z.infer<typeof HandshakeRefusal>;

/**
 * The server's verdict on the version a handshake announces (`auth.protocol`; none means
 * UNVERSIONED_PROTOCOL): null when it is this server's, else the refusal, in the words of the side that
 * must be updated.
 */
export function refuseOtherProtocol(announced: unknown, serverVersion = PROTOCOL_VERSION): HandshakeRefusal | null {
  const parsed = ProtocolVersion.optional().safeParse(announced);
  const version = parsed.success ? (parsed.data ?? UNVERSIONED_PROTOCOL) : undefined;
  if (version === serverVersion) return null;
  const need = version === undefined ? null : updateNeeded(version, serverVersion);
  const words = need ? UPDATE_NEEDED_WORDS[need] : 'This console announced no valid sync protocol version.';
  const spoken =
    version === undefined ? '' : ` The console speaks sync protocol ${version}, the server ${serverVersion}.`;
  return { code: PROTOCOL_MISMATCH, message: `${words}${spoken}`, protocol: serverVersion };
}

/** Emitted by the server on every connect; a console sends nothing before it has checked `protocol`. */
export const Hello = z.object({
  /** Absent from servers older than versioning (they speak UNVERSIONED_PROTOCOL). */
  protocol: ProtocolVersion.optional(),
  /** Identifies the database: another one than the console synced with means reset. */
  serverId: z.string(),
  userId: z.string(),
  organizationId: z.string(),
  /**
   * The office's time zone (IANA), from the organization's row: a first sign-in asks its first far page with
   * the office's days before it holds the row. Absent from older servers.
   */
  timeZone: z.string().optional(),
  role: z.string(),
  /** The organization's latest seq. */
  head: Seq,
  /**
   * The server takes `coalesce` in a pull. Absent from older servers, whose strict pull schema refuses the
   * field: a console sends it only when this says so.
   */
  coalescedPull: z.boolean().optional(),
  /**
   * The largest `limit` the server takes in a coalesced pull (MAX_COALESCED_PULL). Absent from older servers,
   * which take at most MAX_PULL.
   */
  maxCoalescedPull: z.number().int().min(1).optional(),
  /** The server answers `jobActivity` requests. Absent from older servers, which ignore the event. */
  jobActivity: z.boolean().optional(),
  /** The server takes `activityAround` in a coalesced pull. Absent from older servers (strict pull schema). */
  activityAround: z.boolean().optional(),
  /**
   * This socket's broadcasts come deflated (`changesDeflated`), as its handshake asked. Absent or false: they
   * come as `changes`, whatever was asked (an older server, or one that does not offer it).
   */
  deflatedChanges: z.boolean().optional(),
});
export type Hello = z.infer<typeof Hello>;

// Changes

export const CHANGE_KINDS = [
  'organization',
  'user',
  'customer',
  'job',
  'appointment',
  'activity',
  'notification',
  'completeReason',
  'note',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One row of an organization's change log: the whole new value of an entity, in commit order. A console
 * skips kinds it does not know (a newer server may add some without a new protocol version).
 */
export const Change = z.object({ seq: Seq, kind: z.enum(CHANGE_KINDS), id: z.string(), data: z.unknown() });
export type Change = z.infer<typeof Change>;

/** `changes`, server → console: one commit's changes, sent to the organization's room. */
export const ChangesBroadcast = z.object({ changes: z.array(Change) });
export type ChangesBroadcast = z.infer<typeof ChangesBroadcast>;

// Requests and answers

/** Every request's answer when it failed. */
export const ErrorAnswer = z.object({
  error: z.object({ code: z.string(), message: z.string(), retryAfterMs: z.number().optional() }),
});
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

/** A request's acknowledgement: its answer or an error. */
export type Answer<T> = T | ErrorAnswer;

export function isErrorAnswer(answer: unknown): answer is ErrorAnswer {
  return typeof answer === 'object' && answer !== null && 'error' in answer;
}

/** A command as it travels in a push. */
export const WireCommand = z.strictObject({
  id: CommandId,
  name: z.string().min(1).max(64),
  args: z.unknown(),
  /** Epoch ms on the actor's clock. */
  createdAt: z.number().int().min(0).max(8_640_000_000_000),
  /** Made while the console was offline. */
  offline: z.boolean().optional(),
});
export type WireCommand = z.infer<typeof WireCommand>;

/** `push`, console → server. */
export const PushRequest = z.strictObject({ clientId: ClientId, commands: z.array(WireCommand).min(1).max(MAX_BATCH) });
export type PushRequest = z.infer<typeof PushRequest>;

/** One command's outcome; the server stores it and answers a resend with it again. */
export const CommandResult = z.object({
  id: CommandId,
  status: z.enum(['applied', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
  /** The provider organization's seq the command committed at. */
  seq: Seq.optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;

export const PushAnswer = z.object({ results: z.array(CommandResult), lastProcessedId: z.number().int().min(0) });
export type PushAnswer = z.infer<typeof PushAnswer>;

/** `pull`, console → server. */
export const PullRequest = z.strictObject({
  /** The last seq the console applied. */
  cursor: Seq,
  /**
   * At most MAX_PULL; with `coalesce`, at most MAX_COALESCED_PULL to a server whose hello offers it (a larger
   * one without `coalesce` is answered INVALID_ARGS).
   */
  limit: z.number().int().min(1).max(MAX_COALESCED_PULL).optional(),
  /** The server the cursor belongs to; another one answers with a reset. */
  serverId: z.string().max(64).optional(),
  /**
   * Only the last change of each entity (kind and id) in the page, and `limit` counts those: the server may
   * read up to COALESCE_WINDOW log rows to fill the page. The cursor stays exact (the last seq read). Every
   * change is the entity's whole value, so the result equals applying every change; append-only kinds
   * (activity, notes, texts) have a new id per line and are never coalesced away. Only to a server whose
   * hello says `coalescedPull`.
   */
  coalesce: z.boolean().optional(),
  /**
   * With `coalesce`, from a console far behind: leave out the activity of jobs that have visits and none
   * starting in [from, to) (epoch ms), and name those jobs in the page's `activityLeft`. Only to a server
   * whose hello says `activityAround`.
   */
  activityAround: z
    .strictObject({ from: z.number().int().min(0), to: z.number().int().min(0) })
    .refine((around) => around.from < around.to, 'from must be before to')
    .optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullPage = z.object({
  serverId: z.string(),
  head: Seq,
  changes: z.array(Change),
  /** Where the next pull starts: the last seq of this page (the request's cursor when it is empty). */
  cursor: Seq,
  /** Pull again from `cursor`: the log goes on. */
  more: z.boolean(),
  /** Only to a pull with `activityAround`: the jobs whose activity lines in this page were left out. */
  activityLeft: z.array(z.string()).optional(),
  /** Never sent; lets a reader tell a page from a reset by `answer.reset`. */
  reset: z.literal(false).optional(),
});
export type PullPage = z.infer<typeof PullPage>;

/** The console's cursor is unusable: drop confirmed state, keep the outbox, pull from 0. */
export const PullReset = z.object({ serverId: z.string(), head: Seq, reset: z.literal(true), reason: z.string() });
export type PullReset = z.infer<typeof PullReset>;

export const PullAnswer = z.union([PullPage, PullReset]);
export type PullAnswer = z.infer<typeof PullAnswer>;

/** `jobActivity`, console → server: every activity line of one job (a console holds only some; docs/ARCHITECTURE.md §3b). */
export const JobActivityRequest = z.strictObject({ jobId: z.string().min(1).max(64) });
export type JobActivityRequest = z.infer<typeof JobActivityRequest>;

/** The job's activity lines, each in the shape of an `activity` change's `data`. */
export const JobActivityAnswer = z.object({ activity: z.array(z.unknown()) });
export type JobActivityAnswer = z.infer<typeof JobActivityAnswer>;

// Presence (ephemeral: socket events only, never in the change log or the database)

/** A job or appointment id a dispatcher has open or is dragging. */
const PresenceTarget = z.string().min(1).max(64);

/** `presence`, console → server: what this dispatcher has open and is dragging now (sent only on change). */
export const PresenceUpdate = z.strictObject({
  /** The job whose drawer is open, or null. */
  viewing: PresenceTarget.nullable(),
  /** The appointment or job being dragged, or null. */
  moving: PresenceTarget.nullable(),
});
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

/** The answer to a `presence` update the server took. */
export const PresenceAck = z.object({ ok: z.literal(true) });
export type PresenceAck = z.infer<typeof PresenceAck>;

/** One online dispatcher (all of their connections merged). */
export const PresenceEntry = z.object({
  userId: z.string(),
  name: z.string(),
  viewing: z.array(z.string()),
  moving: z.array(z.string()),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

/** `presence`, server → the organization's dispatchers: who is online now, the receiver included. */
export const PresenceRoster = z.object({ online: z.array(PresenceEntry) });
export type PresenceRoster = z.infer<typeof PresenceRoster>;

/** Presence updates per socket: a burst of this many, refilled at PRESENCE_PER_SECOND. */
export const PRESENCE_BURST = 20;
export const PRESENCE_PER_SECOND = 5;
