/**
 * `plextv servers`: the Plex Media Servers the account can use (owned or shared), each with the address
 * `connect()` chose from here and why; `plextv connect SERVER`: the best address of one server, alone on its
 * line (for `$(plextv connect "Demo Server")`).
 *
 * Every address of every server is probed at once (`GET /identity`), with a per-attempt `--timeout`.
 */
import type { Command } from 'commander';
import {
  type ConnectAttempt,
  type ConnectionCandidate,
  ConnectionFailedError,
  type ConnectionPlan,
  type ConnectResult,
  connect,
  DEFAULT_CONNECT_TIMEOUT,
  getResources,
  type PlexResource,
  planConnections,
  type SkippedUri,
} from 'plextv';
import { type CommandKit, unknownSubcommand } from '../command-kit.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import type { Colors } from '../output.js';
import { selectOne } from '../select.js';
import { canAnimate, type Progress, startProgress } from '../ui/progress.js';
import { wrapWords } from '../ui/wrap.js';
import { VERSION } from '../version.js';
import { registerServerTokens } from './server-tokens.js';

export interface ServersOptions {
  /** With `--json`: include each server's `accessToken`. */
  showTokens?: boolean;
}

/** One candidate address, what it is, and what happened when it was tried. */
export interface CandidateReport {
  rank: number;
  uri: string;
  location: ConnectionCandidate['location'];
  scheme: ConnectionCandidate['scheme'];
  ipVersion: ConnectionCandidate['ipVersion'];
  source: ConnectionCandidate['source'];
  /** Why it is ranked where it is. */
  reason: string;
  /** `not-tried` when connect never got to it (it had nothing to try). */
  outcome: ConnectAttempt['outcome'] | 'not-tried';
  /** Milliseconds from the start until this attempt ended. */
  ms: number | null;
  detail?: string;
  status?: number;
}

/** A server and the outcome of connecting to it. */
interface Probed {
  resource: PlexResource;
  plan: ConnectionPlan;
  result?: ConnectResult;
  failure?: ConnectionFailedError;
}

/** Plex servers among the account's resources; their access tokens become secrets of the run. */
async function fetchServers(ctx: Context): Promise<PlexResource[]> {
  const client = await ctx.signedInClient();
  const resources = await getResources(client, { signal: ctx.signal });
  for (const resource of resources) ctx.out.addSecret(resource.accessToken);
  return resources.filter((r) => r.provides.includes('server'));
}

async function probe(ctx: Context, resource: PlexResource): Promise<Probed> {
  const clientIdentifier = await ctx.clientIdentifier();
  const plan = planConnections(resource);
  try {
    const result = await connect(resource, {
      timeout: ctx.timeout ?? DEFAULT_CONNECT_TIMEOUT,
      signal: ctx.signal,
      ...(ctx.io.serverFetch ? { fetch: ctx.io.serverFetch } : {}),
      headers: {
        'X-Plex-Client-Identifier': clientIdentifier,
        'X-Plex-Product': 'plextv-cli',
        'X-Plex-Version': VERSION,
      },
    });
    return { resource, plan, result };
  } catch (error) {
    if (error instanceof ConnectionFailedError) return { resource, plan, failure: error };
    throw error;
  }
}

/** Probe while a spinner (on a terminal) says so. */
async function probing<T>(ctx: Context, text: string, work: Promise<T>): Promise<T> {
  let progress: Progress | undefined;
  if (!ctx.json && canAnimate(ctx.io.stderr, ctx.env, ctx.out.ec.isColorSupported)) {
    progress = startProgress(ctx.io.stderr, text, { animate: true });
  }
  try {
    return await work;
  } finally {
    progress?.stop();
  }
}

/** Every candidate of the plan with its attempt (ranks match: both come from the same ranking). */
export function candidateReports(
  plan: ConnectionPlan,
  attempts: readonly ConnectAttempt[],
): CandidateReport[] {
  return plan.candidates.map((c) => {
    const a = attempts.find((attempt) => attempt.rank === c.rank && attempt.uri === c.uri);
    return {
      rank: c.rank,
      uri: c.uri,
      location: c.location,
      scheme: c.scheme,
      ipVersion: c.ipVersion,
      source: c.source,
      reason: c.reason,
      outcome: a?.outcome ?? 'not-tried',
      ms: a?.ms ?? null,
      ...(a?.detail === undefined ? {} : { detail: a.detail }),
      ...(a?.status === undefined ? {} : { status: a.status }),
    };
  });
}

function skippedOf(probed: Probed): SkippedUri[] {
  return probed.plan.skipped.map(({ uri, reason }) => ({ uri, reason }));
}

/** What `--json` says about one server (its access token only with `--show-tokens`). */
function serverJson(probed: Probed, showTokens: boolean): Record<string, unknown> {
  const r = probed.resource;
  const attempts = probed.result?.attempts ?? probed.failure?.attempts ?? [];
  const reports = candidateReports(probed.plan, attempts);
  const chosen = probed.result ? reports.find((c) => c.rank === probed.result!.candidate.rank) : undefined;
  return {
    name: r.name ?? null,
    clientIdentifier: r.clientIdentifier,
    product: r.product ?? null,
    productVersion: r.productVersion ?? null,
    platform: r.platform ?? null,
    platformVersion: r.platformVersion ?? null,
    owned: r.owned ?? null,
    owner: r.owned ? null : (r.sourceTitle ?? null),
    ownerId: r.ownerId ?? null,
    home: r.home ?? null,
    presence: r.presence ?? null,
    ...(showTokens ? { accessToken: r.accessToken ?? null } : {}),
    reachable: probed.result !== undefined,
    uri: probed.result?.uri ?? null,
    connection: chosen ?? null,
    identity: probed.result?.identity ?? null,
    error: probed.failure ? headline(probed) : null,
    attempts: reports,
    skipped: skippedOf(probed),
  };
}

function serverName(r: PlexResource): string {
  return r.name ? `"${r.name}"` : r.clientIdentifier;
}

/** `Cannot reach "Demo Server": all 3 candidates failed`. */
function headline(probed: Probed): string {
  const n = probed.failure?.attempts.length ?? 0;
  const what =
    n === 0
      ? `it has no address to try${probed.plan.skipped.length > 0 ? ' (every one was left out)' : ''}`
      : n === 1
        ? 'its only candidate failed'
        : `all ${n} candidates failed`;
  const offline = probed.resource.presence === false ? ' (plex.tv lists it as offline)' : '';
  return `Cannot reach ${serverName(probed.resource)}: ${what}${offline}`;
}

const OUTCOME_WORDS: Record<ConnectAttempt['outcome'], string> = {
  ok: 'answered',
  refused: 'refused',
  timeout: 'timed out',
  unreachable: 'no route',
  dns: 'name did not resolve',
  reset: 'connection reset',
  tls: 'TLS failed',
  network: 'network error',
  'http-status': 'HTTP error',
  'wrong-identity': 'another server answered',
  'bad-answer': 'not a Plex server answer',
  cancelled: 'cancelled',
};

/** `#1 http://127.0.0.1:32400: refused (ECONNREFUSED) after 3 ms`. */
export function attemptLine(a: ConnectAttempt | CandidateReport): string {
  const words = a.outcome === 'not-tried' ? 'not tried' : OUTCOME_WORDS[a.outcome];
  const detail = a.detail === undefined ? '' : ` (${a.detail})`;
  const after = a.ms === null ? '' : ` after ${a.ms} ms`;
  return `#${a.rank + 1} ${a.uri}: ${words}${detail}${after}`;
}

/** The failure of `connect SERVER`: a headline, then one line per candidate (and per address left out). */
function failureMessage(probed: Probed): string {
  const lines = [headline(probed)];
  for (const a of probed.failure?.attempts ?? []) lines.push(`  ${attemptLine(a)}`);
  for (const s of skippedOf(probed)) lines.push(`  not tried ${s.uri}: ${s.reason}`);
  return lines.join('\n');
}

/** `owned · Plex Media Server 1.41.3 · Linux` / `shared by alice · …`. */
function describeServer(r: PlexResource, c: Colors): string {
  const who = r.owned ? 'owned' : r.sourceTitle ? `shared by ${r.sourceTitle}` : 'shared';
  const product = [r.product, r.productVersion].filter(Boolean).join(' ');
  const platform = [r.platform, r.platformVersion].filter(Boolean).join(' ');
  const parts = [r.owned ? c.green(who) : c.cyan(who), product, platform].filter(Boolean);
  return parts.join(c.dim(' · '));
}

/**
 * `    why: …` for the chosen address, wrapped at word boundaries to `columns` (the terminal's width, when
 * stdout is one), continuation lines indented under the text.
 */
function whyLines(reason: string, c: Colors, columns: number | undefined): string[] {
  const indent = '    ';
  const label = 'why: ';
  const width = columns === undefined ? undefined : Math.max(20, columns - indent.length - label.length - 1);
  return wrapWords(reason, width).map(
    (line, i) => `${indent}${c.dim(`${i === 0 ? label : ' '.repeat(label.length)}${line}`)}`,
  );
}

function renderServer(probed: Probed, c: Colors, columns?: number): string[] {
  const r = probed.resource;
  const lines = [`${c.bold(r.name ?? r.clientIdentifier)}  ${describeServer(r, c)}`];
  const total = probed.plan.candidates.length;
  if (probed.result) {
    const { candidate, attempts } = probed.result;
    const won = attempts.find((a) => a.rank === candidate.rank);
    const ms = won ? ` · ${won.ms} ms` : '';
    const where = `${candidate.location} · ${candidate.scheme} · ${candidate.ipVersion === 'ipv6' ? 'IPv6' : 'IPv4'}`;
    lines.push(
      `  ${c.green('✔')} ${probed.result.uri}  ${c.dim(`${where} · candidate ${candidate.rank + 1} of ${total}${ms}`)}`,
    );
    lines.push(...whyLines(candidate.reason.replace(/^#\d+:\s*/, ''), c, columns));
    for (const a of attempts) {
      if (a.rank >= candidate.rank) break;
      lines.push(`    ${c.yellow('✖')} ${c.dim(attemptLine(a))}`);
    }
  } else {
    lines.push(`  ${c.red('✖')} ${headline(probed).replace(/^Cannot reach [^:]*: /, 'unreachable: ')}`);
    for (const a of probed.failure?.attempts ?? []) lines.push(`    ${c.dim(attemptLine(a))}`);
    if ((probed.failure?.attempts.length ?? 0) === 0) {
      for (const s of skippedOf(probed)) lines.push(`    ${c.dim(`not tried ${s.uri}: ${s.reason}`)}`);
    }
  }
  return lines;
}

export async function servers(ctx: Context, options: ServersOptions): Promise<void> {
  if (options.showTokens && !ctx.json) throw new UsageError('--show-tokens only applies with --json.');
  const found = await fetchServers(ctx);
  const c = ctx.out.c;
  if (found.length === 0) {
    ctx.out.out(c.dim('No Plex Media Servers on this account (owned or shared).'));
    ctx.out.data([]);
    return;
  }
  const probed = await probing(
    ctx,
    `Connecting to ${found.length} server${found.length === 1 ? '' : 's'}…`,
    Promise.all(found.map((r) => probe(ctx, r))),
  );
  if (ctx.json) {
    const data = probed.map((p) => serverJson(p, options.showTokens === true));
    if (options.showTokens) ctx.out.dataWithSecrets(data);
    else ctx.out.data(data);
    return;
  }
  const blocks = probed.map((p) => renderServer(p, c, ctx.out.terminalColumns).join('\n'));
  ctx.out.out(blocks.join('\n\n'));
  const reachable = probed.filter((p) => p.result).length;
  const n = probed.length;
  ctx.out.out(
    c.dim(
      `\n${n} server${n === 1 ? '' : 's'}: ${reachable} reachable${n - reachable > 0 ? `, ${n - reachable} unreachable` : ''} from here.`,
    ),
  );
}

export interface ConnectCommandOptions {
  /** With `--json`: include the server's `accessToken` (what to send as X-Plex-Token to the URL). */
  showTokens?: boolean;
}

export async function connectCommand(
  ctx: Context,
  query: string,
  options: ConnectCommandOptions,
): Promise<void> {
  if (options.showTokens && !ctx.json) throw new UsageError('--show-tokens only applies with --json.');
  const found = await fetchServers(ctx);
  const resource = selectOne(found, query, 'server');
  const probed = await probing(ctx, `Connecting to ${serverName(resource)}…`, probe(ctx, resource));
  const showTokens = options.showTokens === true;
  if (!probed.result) {
    // The access token stays out of errors, even with --show-tokens.
    const { error: _error, ...details } = serverJson(probed, false);
    throw new CliError('SERVER_UNREACHABLE', failureMessage(probed), { cause: probed.failure, details });
  }
  if (ctx.json) {
    const data = { ok: true, ...serverJson(probed, showTokens) };
    if (showTokens) ctx.out.dataWithSecrets(data);
    else ctx.out.data(data);
    return;
  }
  ctx.out.out(probed.result.uri);
}

/** `servers` and `connect`. */
export function register(program: Command, kit: CommandKit): void {
  const serversCommand = program
    .command('servers')
    .description('list the Plex Media Servers you can use, and the address that reaches each from here')
    .option('--show-tokens', "with --json: include each server's access token")
    .addHelpText(
      'after',
      `
Every address of every server is tried at once (GET /identity); --timeout is the time each attempt gets
(default ${DEFAULT_CONNECT_TIMEOUT} ms). The best-ranked address that answers as the server wins.`,
    )
    .action(async (options, command: Command) => {
      unknownSubcommand(command);
      await servers(await kit.tokenContextOf(command), options);
    });
  registerServerTokens(serversCommand, kit);
  // `servers tokns`: unknownSubcommand names the subcommands (commander would say "too many arguments").
  serversCommand.allowExcessArguments();

  program
    .command('connect')
    .argument('<server>', 'the server: its name or client identifier')
    .description('print the best URL of a server (exit 12 when no address answers)')
    .option('--show-tokens', "with --json: include the server's access token (for X-Plex-Token)")
    .addHelpText(
      'after',
      `
Prints the URL alone on its line:  curl "$(plextv connect 'Demo Server')/identity"
--json shows every candidate address with its outcome and time. --timeout is per attempt (default ${DEFAULT_CONNECT_TIMEOUT} ms).`,
    )
    .action(async (server: string, options, command: Command) => {
      await connectCommand(await kit.tokenContextOf(command), server, options);
    });
}
