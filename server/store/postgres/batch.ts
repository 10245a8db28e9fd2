import pg from 'pg';

/**
 * A transaction's writes waiting to be sent. Every round trip to PostgreSQL costs more than the statement
 * it carries, and a command writes five to ten rows, none of which it reads back at once: so writes wait
 * here and go as one multi-statement message with the next read, savepoint boundary or COMMIT, executed in
 * order as if sent one by one (PostgreSQL runs them in sequence and stops at the first that fails, whose
 * error that message returns). A multi-statement message cannot carry parameters, so values are written
 * in as literals: strings through pg's escapeLiteral, numbers only when finite, null as NULL.
 */
export class WriteBatch {
  private statements: string[] = [];

  add(text: string, values: readonly unknown[] = []): void {
    this.statements.push(
      values.length ? text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1])) : text,
    );
  }

  /** The statements waiting, as one message (undefined when none), and forgets them. */
  take(): string | undefined {
    if (!this.statements.length) return undefined;
    const message = this.statements.join(';\n');
    this.statements = [];
    return message;
  }

  /** Drops what was not sent (its savepoint or transaction is being rolled back). */
  clear(): void {
    this.statements = [];
  }
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  throw new TypeError(`A ${typeof value} cannot be written as an SQL literal.`);
}
