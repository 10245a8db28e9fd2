import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

/** scrypt's cost: N (CPU and memory, a power of two), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current guidance: 128 MiB and about 1.5 s per hash on a small machine. */
export const OWASP_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** Hashes running at once: each takes a libuv thread and N·r·128 bytes, so a burst cannot exhaust either. */
export const MAX_CONCURRENT_HASHES = 2;
/** Hashes waiting for a slot; one more is refused (429) rather than queued behind seconds of work. */
export const MAX_QUEUED_HASHES = 16;

const KEY_LENGTH = 32;
/** Stored hashes are our own writes, but a corrupt row must not ask for gigabytes. */
const MAX_N = 2 ** 20;

/** The hasher is full: the caller answers 429 and the client retries a moment later. */
export class HasherBusy extends Error {
  constructor() {
    super('Too many sign-ins are being checked right now; retry in a moment.');
    this.name = 'HasherBusy';
  }
}

/** Parses `N=131072,r=8,p=1` (any subset; the rest from OWASP's default). */
export function parseScryptCost(text: string): ScryptCost {
  const cost = { ...OWASP_SCRYPT_COST };
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^(N|r|p)=(\d{1,8})$/.exec(part);
    if (!match) throw new Error(`The password cost "${text}" is not of the form N=131072,r=8,p=1.`);
    cost[match[1] as keyof ScryptCost] = Number(match[2]);
  }
  if (!isValidCost(cost))
    throw new Error(
      `The password cost "${text}" is out of range: N a power of two from 1024 to ${MAX_N}, r 1–32, p 1–16.`,
    );
  return cost;
}

function isValidCost(cost: ScryptCost): boolean {
  const { N, r, p } = cost;
  return (
    Number.isInteger(N) && N >= 1024 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16
  );
}

function scrypt(password: string, salt: Buffer, keyLength: number, cost: ScryptCost): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; N = 2^17, r = 8 needs 128 MiB plus its working blocks.
  const maxmem = 128 * cost.N * cost.r + 128 * cost.r * cost.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keyLength, { ...cost, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function parseStored(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash, extra] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash || extra !== undefined || !isValidCost(cost)) return undefined;
  return { cost, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/**
 * Password hashing at the operator's scrypt cost, never more than MAX_CONCURRENT_HASHES at once.
 * Node's async scrypt already runs on the libuv thread pool, off the event loop; the cap keeps a burst
 * of guesses from taking every thread (and the memory each hash needs), and the bounded queue turns
 * a flood into quick 429s instead of minutes of waiting.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Spent on unknown emails too, at the configured cost, so timing does not reveal which emails exist. */
  readonly dummyHash: string;

  constructor(
    readonly cost: ScryptCost,
    private readonly limits = { concurrent: MAX_CONCURRENT_HASHES, queued: MAX_QUEUED_HASHES },
  ) {
    this.dummyHash = [
      'scrypt',
      cost.N,
      cost.r,
      cost.p,
      Buffer.alloc(16).toString('base64url'),
      Buffer.alloc(KEY_LENGTH).toString('base64url'),
    ].join('$');
  }

  /** scrypt with a random salt; the parameters travel with the hash so they can be raised later. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const hash = await this.slot(() => scrypt(password, salt, KEY_LENGTH, this.cost));
    return [
      'scrypt',
      this.cost.N,
      this.cost.r,
      this.cost.p,
      salt.toString('base64url'),
      hash.toString('base64url'),
    ].join('$');
  }

  /** Whether `password` matches; throws HasherBusy when the queue is full. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseStored(stored) ?? parseStored(this.dummyHash)!;
    const actual = await this.slot(() => scrypt(password, parsed.salt, parsed.hash.length, parsed.cost));
    return stored !== this.dummyHash && parseStored(stored) !== undefined && timingSafeEqual(actual, parsed.hash);
  }

  /** A stored hash made at a lower cost than the operator's: rehash it at the next successful sign-in. */
  needsUpgrade(stored: string): boolean {
    const parsed = parseStored(stored);
    if (!parsed) return true;
    const { N, r, p } = parsed.cost;
    return N * r * p < this.cost.N * this.cost.r * this.cost.p || N < this.cost.N;
  }

  /** Hashes running or waiting, for tests and logs. */
  get load(): number {
    return this.running + this.waiting.length;
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrent) {
      if (this.waiting.length >= this.limits.queued) throw new HasherBusy();
      // The finishing hash hands its slot over directly (running stays counted).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
