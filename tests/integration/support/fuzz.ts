/**
 * A seeded generator of hostile input. Everything it makes for a write path is invalid *by construction*
 * (unknown keys against strict schemas, ids that do not exist, actors without the right), so a fuzz run
 * may assert that no organization's head sequence moves.
 */

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMAND_NAMES = [
  'job.offer',
  'job.create',
  'job.accept',
  'job.decline',
  'job.withdraw',
  'job.cancel',
  'job.complete',
  'job.update',
  'appointment.create',
  'appointment.move',
  'appointment.cancel',
  'appointment.setStatus',
];

/** Keys that no schema of ours knows: a strict object that carries one is invalid whatever else it holds. */
const ALIEN_KEYS = [
  '__fuzz',
  'zzz',
  'k0',
  'constructor',
  'prototype',
  '$where',
  '0',
  '',
  ' ',
  'a.b',
  '\u0000',
  '💥',
  'toString',
  'valueOf',
];

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0002',
  '\ud800',
  '\udfff\ud800',
  '💥🔥'.repeat(20),
  '\u202e\u202dRTL',
  "'; DROP TABLE jobs; --",
  '" OR 1=1 --',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '%s%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  'appointment.move ',
  'APPOINTMENT.MOVE',
  'job.accept\u0000',
  'org-coolair',
  'u-dispatcher',
];

const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  -1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  2 ** 31,
  -(2 ** 31),
  2 ** 64,
  1e308,
  -1e308,
  Number.EPSILON,
  8_640_000_000_000_001,
];

export const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

export class Fuzzer {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  ascii(maxLength = 40): string {
    const length = this.int(0, maxLength);
    let text = '';
    for (let index = 0; index < length; index++) text += String.fromCharCode(this.int(32, 126));
    return text;
  }

  unicode(maxLength = 20): string {
    const length = this.int(0, maxLength);
    let text = '';
    for (let index = 0; index < length; index++) text += String.fromCharCode(this.int(0, 0xffff));
    return text;
  }

  /** Large, but at most ~600 kB on the wire (JSON-escaped UTF-8): under socket.io's 1 MB message limit. */
  huge(): string {
    const [unit, wireBytes] = this.pick([
      ['x', 1],
      ['é', 2],
      ['💥', 4],
      ['\u0000', 6],
      ['ab"\\', 6],
    ] as const);
    return unit.repeat(this.int(20_000, Math.floor(600_000 / wireBytes)));
  }

  string(): string {
    const roll = this.random();
    if (roll < 0.35) return this.pick(NASTY_STRINGS);
    if (roll < 0.65) return this.ascii();
    if (roll < 0.9) return this.unicode();
    return this.ascii(3_000);
  }

  number(): number {
    return this.chance(0.6) ? this.pick(NASTY_NUMBERS) : (this.random() - 0.5) * 10 ** this.int(0, 20);
  }

  key(): string {
    return this.chance(0.5) ? this.pick(ALIEN_KEYS) : this.ascii(12) || 'k';
  }

  /**
   * Nested arrays or objects `depth` levels deep, built iteratively. socket.io-client's own encoder
   * recurses, so socket payloads stay under ~1,000 levels; REST bodies are sent as text and go deeper.
   */
  deep(depth: number): unknown {
    let value: unknown = this.pick([null, 1, 'leaf', true]);
    const asArray = this.chance(0.5);
    for (let level = 0; level < depth; level++)
      value = asArray ? [value] : { [this.pick(['a', 'b', '__fuzz'])]: value };
    return value;
  }

  value(depth = 3): unknown {
    const roll = this.int(0, depth > 0 ? 11 : 6);
    switch (roll) {
      case 0:
        return null;
      case 1:
        return undefined;
      case 2:
        return this.chance(0.5);
      case 3:
        return this.number();
      case 4:
      case 5:
        return this.string();
      case 6:
        return this.chance(0.5) ? Buffer.from(this.ascii(64)) : new Date(this.int(0, 2 ** 40));
      case 7:
      case 8:
        return Array.from({ length: this.int(0, 6) }, () => this.value(depth - 1));
      case 9:
      case 10:
        return Object.fromEntries(Array.from({ length: this.int(0, 6) }, () => [this.key(), this.value(depth - 1)]));
      default:
        return this.deep(this.int(50, 1_000));
    }
  }

  /** A value that is not a whole number in the schema's range for an id. */
  badId(): unknown {
    return this.pick([
      0,
      -1,
      -(2 ** 40),
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MAX_SAFE_INTEGER + 2,
      '1',
      null,
      undefined,
      [],
      {},
      true,
    ]);
  }

  validClientId(): string {
    return `fuzz-${Math.floor(this.random() * 2 ** 48).toString(36)}`;
  }

  badClientId(): unknown {
    return this.pick([
      '',
      'short',
      'has space in it',
      'x'.repeat(65),
      'ünïcödé-client',
      '../../../etc',
      '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000',
      this.huge(),
      42,
      null,
      undefined,
      {},
      [],
      true,
    ]);
  }

  commandName(): string {
    return this.pick(COMMAND_NAMES);
  }

  unknownCommandName(): unknown {
    return this.pick([
      () => this.ascii(30) || 'nope',
      () =>
        this.pick([
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'valueOf',
          'job',
          'appointment',
          'job.',
          '.accept',
        ]),
      () => `${this.commandName()} `,
      () => this.commandName().toUpperCase(),
      () => `${this.commandName()}\u0000`,
      () => 'x'.repeat(65),
      () => '',
      () => this.number(),
      () => null,
    ])();
  }

  /** An object that a strict schema refuses: alien keys beside any content. */
  strictViolation(base: Record<string, unknown> = {}): Record<string, unknown> {
    const corrupted: Record<string, unknown> = { ...base };
    for (const key of Object.keys(corrupted)) if (this.chance(0.3)) corrupted[key] = this.value(1);
    let alien = this.key();
    // `__proto__` and '' are dropped or special on some paths; make sure one real alien key survives.
    if (alien === '' || alien === 'constructor' || alien === 'toString' || alien === 'valueOf') alien = '__fuzz';
    corrupted[alien] = this.value(2);
    corrupted.__fuzz = this.value(1);
    return corrupted;
  }

  /** HTTP method, mostly real ones. */
  method(): string {
    return this.chance(0.9)
      ? this.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])
      : this.pick(['PROPFIND', 'FOO', 'SEARCH', 'LOCK']);
  }

  eventName(): string {
    for (;;) {
      const name = this.pick([
        () => this.ascii(20) || 'x',
        () => this.unicode(10) || 'y',
        () =>
          this.pick([
            'hello',
            'changes',
            'Push',
            'PULL',
            'push ',
            'pull\u0000',
            'error',
            'message',
            'ping',
            '__proto__',
            'constructor',
          ]),
        () => 'e'.repeat(this.int(100, 5_000)),
      ])();
      if (!RESERVED_EVENTS.has(name)) return name;
    }
  }
}

/** Parses `printRoutes({ commonPrefix: false })` into [path, methods] pairs. */
export function parseRoutes(tree: string): { path: string; methods: string[] }[] {
  const routes: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([\s│]*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.round(match[1].length / 4);
    stack.length = depth;
    stack.push(match[2]);
    const methods = (match[3] ?? '')
      .split(',')
      .map((method) => method.trim())
      .filter((method) => method && method !== '-');
    if (methods.length) routes.push({ path: stack.join(''), methods });
  }
  return routes;
}
