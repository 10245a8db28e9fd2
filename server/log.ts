import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stderr, so stdout stays for the ready line and the demo logins. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'dispatch-sync' } }, pino.destination(2));
}
