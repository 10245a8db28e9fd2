import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { cpuSecondsOf } from './child';

const CLUSTER_SCRIPT = fileURLToPath(new URL('../../scripts/postgres-cluster.sh', import.meta.url));
const run = promisify(execFile);

/** A PostgreSQL cluster the bench may create databases in. */
export interface BenchCluster {
  /** Where it came from, for the log: the given URL (password hidden) or the throwaway cluster's folder. */
  origin: string;
  /** A new, empty database (`dispatch_bench_<hex>`); its URL. Dropped by `close()`. */
  createDatabase(): Promise<string>;
  /** CPU seconds used so far by the cluster's processes (postmaster and backends); undefined for a given URL. */
  cpuSeconds(): number | undefined;
  /** Drops the databases made and, for a throwaway cluster, stops it and removes its folder. */
  close(): Promise<void>;
}

/**
 * DISPATCH_BENCH_DATABASE_URL (a superuser URL to any cluster: the bench makes and drops its own databases
 * there) when given; else a throwaway cluster from scripts/postgres-cluster.sh when PostgreSQL is installed.
 * Otherwise `{ missing }` says why there is none.
 */
export async function openBenchCluster(): Promise<BenchCluster | { missing: string }> {
  const given = process.env.DISPATCH_BENCH_DATABASE_URL;
  if (given) return clusterAt(given, hidePassword(given));
  try {
    await run(CLUSTER_SCRIPT, ['bindir']);
  } catch (error) {
    const reason = ((error as { stderr?: string }).stderr ?? '').trim() || (error as Error).message;
    return {
      missing: `${reason} Install PostgreSQL (Debian: apt-get install postgresql) or set DISPATCH_BENCH_DATABASE_URL.`,
    };
  }
  const { stdout } = await run(CLUSTER_SCRIPT, ['start']);
  const [folder, url] = stdout.trim().split('\n');
  // However the bench ends, the cluster does not outlive it.
  const stopOnExit = () => execFileSync(CLUSTER_SCRIPT, ['stop', folder], { stdio: 'ignore' });
  process.once('exit', stopOnExit);
  const cluster = clusterAt(url, `a throwaway cluster in ${folder}`, folder);
  return {
    ...cluster,
    async close() {
      await cluster.close();
      process.off('exit', stopOnExit);
      await run(CLUSTER_SCRIPT, ['stop', folder]);
    },
  };
}

function clusterAt(url: string, origin: string, folder?: string): BenchCluster {
  const made: string[] = [];
  const onCluster = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    origin,
    async createDatabase() {
      const name = `dispatch_bench_${randomBytes(5).toString('hex')}`;
      await onCluster(`CREATE DATABASE ${name}`);
      made.push(name);
      const databaseUrl = new URL(url);
      databaseUrl.pathname = `/${name}`;
      return databaseUrl.toString();
    },
    cpuSeconds: () => (folder ? clusterCpuSeconds(folder) : undefined),
    async close() {
      for (const name of made.splice(0)) await onCluster(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * The postmaster (first line of postmaster.pid), its living children, and the children it has reaped (a
 * backend whose connection closed: their CPU moves to the postmaster's cutime/cstime), from /proc (Linux).
 */
function clusterCpuSeconds(folder: string): number | undefined {
  let postmaster: number;
  let total: number;
  try {
    postmaster = Number(readFileSync(join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const stat = readFileSync(`/proc/${postmaster}/stat`, 'utf8');
    // utime, stime, cutime, cstime: the 14th to 17th fields, i.e. 11 to 14 after "(comm) ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100; // clock ticks
  } catch {
    return undefined;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The parent pid is the second field after "(comm) ".
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster)
        total += cpuSecondsOf(Number(entry)) ?? 0;
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(DISPATCH_BENCH_DATABASE_URL)';
  }
}
