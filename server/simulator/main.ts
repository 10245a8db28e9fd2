import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../demo';
import { ACME, COOLAIR, DEMO_USERS } from '../demoData/people';
import { seededRng } from './rng';
import { Simulator } from './simulator';

const USAGE =
  'Usage: npm run simulate -- [--url http://127.0.0.1:4820] [--pace-ms 4000] [--duration-s 0 (forever)] [--seed N]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) fail(`--${name} must be a whole number ≥ 0.`);
  return number;
}

/** The demo accounts the simulator signs in as (all share the demo password). */
function emailsOf(organizationId: string, role: 'enterprise' | 'technician'): string[] {
  return DEMO_USERS.filter((user) => user.organizationId === organizationId && user.roles.includes(role)).map(
    (user) => user.email,
  );
}

function clockTime(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** Resolves after `ms`, or at once when the run is stopped. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * `npm run simulate`: keeps a running server's demo board alive. Acme sends offers to CoolAir, and
 * CoolAir's technicians work their visits through the REST API, one action per tick. Ctrl-C stops it.
 */
async function main() {
  let values;
  try {
    values = parseArgs({
      options: {
        url: { type: 'string', default: process.env.DISPATCH_URL ?? 'http://127.0.0.1:4820' },
        'pace-ms': { type: 'string', default: '4000' },
        'duration-s': { type: 'string', default: '0' },
        seed: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  try {
    new URL(values.url);
  } catch {
    fail(`--url must be a URL such as http://127.0.0.1:4820, not ${JSON.stringify(values.url)}.`);
  }
  const paceMs = Math.max(50, wholeNumber(values['pace-ms'], 'pace-ms'));
  const durationMs = wholeNumber(values['duration-s'], 'duration-s') * 1000;
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber(values.seed, 'seed');

  const stop = new AbortController();
  process.on('SIGINT', () => {
    // A second Ctrl-C leaves at once, in case a request hangs.
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  });
  process.on('SIGTERM', () => stop.abort());

  const simulator = new Simulator({
    baseUrl: values.url,
    password: DEMO_PASSWORD,
    enterpriseEmail: emailsOf(ACME, 'enterprise')[0],
    technicianEmails: emailsOf(COOLAIR, 'technician'),
    providerId: COOLAIR,
    rng: seededRng(seed),
    signal: stop.signal,
    print: (line) => console.log(`${clockTime()} ${line}`),
  });
  console.log(
    `Simulating against ${values.url}: one action every ${paceMs} ms, ${durationMs ? `for ${durationMs / 1000} s` : 'until Ctrl-C'} (seed ${seed}).`,
  );

  const startedAt = Date.now();
  while (!stop.signal.aborted && (durationMs === 0 || Date.now() - startedAt < durationMs)) {
    await simulator.tick();
    const left = durationMs === 0 ? paceMs : durationMs - (Date.now() - startedAt);
    await pause(Math.max(0, Math.min(paceMs, left)), stop.signal);
  }
  console.log(
    `Simulator stopped: ${simulator.actions} actions, ${simulator.refusals} refused or failed (seed ${seed}).`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
