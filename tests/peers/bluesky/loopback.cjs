'use strict';
// Preload (`node --require ./loopback.cjs ...`) that keeps a process on loopback.
//
// The @atproto servers listen on every interface by default and know real hosts
// (bsky.social, plc.directory, DNS for handles). Tests here must never reach any
// address but 127.0.0.0/8 or ::1, so this file:
//   * pins every TCP `server.listen()` to 127.0.0.1 (Unix sockets are left alone);
//   * lets outgoing TCP/TLS connections go only to loopback addresses or to
//     `localhost`, which it rewrites to 127.0.0.1 (our servers are IPv4-only now,
//     and a look-up could answer ::1 first);
//   * answers every DNS look-up for another name with ENOTFOUND, and every DNS
//     query (resolve*, which would send UDP to a name server) with ENOTFOUND too.
// Each refusal is logged once on stderr, so a surprise is visible but not fatal.

const net = require('node:net');
const dns = require('node:dns');
const { syncBuiltinESMExports } = require('node:module');

const LOOPBACK = '127.0.0.1';
const warned = new Set();

function warn(what) {
  if (warned.has(what)) return;
  warned.add(what);
  process.stderr.write(`[loopback.cjs] refused ${what}: tests stay on loopback\n`);
}

function isLoopbackIp(host) {
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

function isLocalhostName(host) {
  return /^(.*\.)?localhost\.?$/i.test(String(host));
}

function refusal(code, message) {
  const err = new Error(`[loopback.cjs] ${message}`);
  err.code = code;
  return err;
}

// ---- listen -------------------------------------------------------------------

const origListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(...args) {
  const first = args[0];
  if (typeof first === 'function' || args.length === 0) {
    // listen([cb]): a random port on every interface.
    args.unshift(0, LOOPBACK);
  } else if (first !== null && typeof first === 'object') {
    // listen(options[, cb]) or listen(handle[, ...]).
    const isHandle = '_handle' in first || 'fd' in first;
    if (!isHandle && first.path === undefined) {
      args[0] = { ...first, host: LOOPBACK, ipv6Only: false };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d*$/.test(first)) || first == null) {
    // listen(port[, host][, backlog][, cb]): Node reads a string 2nd argument as the host.
    if (typeof args[1] === 'string') args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  }
  // Anything else is a Unix socket path: it never leaves the machine.
  return origListen.apply(this, args);
};

// ---- connect ------------------------------------------------------------------

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  let options;
  let setHost;
  if (Array.isArray(args[0])) {
    // net.connect() passes its already normalized [options, cb] array.
    options = args[0][0];
    setHost = (host) => { args[0][0] = { ...options, host }; };
  } else if (args[0] !== null && typeof args[0] === 'object') {
    options = args[0];
    setHost = (host) => { args[0] = { ...options, host }; };
  } else if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    options = { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
    setHost = (host) => {
      if (typeof args[1] === 'string') args[1] = host;
      else args.splice(1, 0, host);
    };
  } else {
    return origConnect.apply(this, args); // a Unix socket path
  }
  if (options.path !== undefined && options.path !== null) {
    return origConnect.apply(this, args);
  }
  const host = options.host ?? 'localhost';
  if (isLocalhostName(host)) {
    setHost(LOOPBACK);
  } else if (!isLoopbackIp(host)) {
    warn(`connection to ${host}:${options.port}`);
    const err = refusal('ECONNREFUSED', `connection to ${host}:${options.port} refused: not loopback`);
    // Fail the way a refused connection fails: asynchronously, on the socket.
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return origConnect.apply(this, args);
};

// ---- DNS ----------------------------------------------------------------------

function lookupAnswer(hostname, options) {
  const opts = typeof options === 'number' ? { family: options } : options || {};
  const family = opts.family === 6 || opts.family === 'IPv6' ? 6 : 4;
  const address = family === 6 ? '::1' : LOOPBACK;
  return opts.all ? [{ address, family }] : { address, family };
}

function checkName(hostname) {
  if (isLocalhostName(hostname) || isLoopbackIp(hostname)) return null;
  warn(`DNS look-up of ${hostname}`);
  return refusal('ENOTFOUND', `DNS look-up of ${hostname} refused: not loopback`);
}

dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  const err = checkName(hostname);
  process.nextTick(() => {
    if (err) return callback(err);
    if (isLoopbackIp(hostname)) {
      const h = String(hostname).replace(/^\[|\]$/g, '');
      const family = net.isIPv6(h) ? 6 : 4;
      const opts = typeof options === 'object' && options ? options : {};
      return opts.all ? callback(null, [{ address: h, family }]) : callback(null, h, family);
    }
    const answer = lookupAnswer(hostname, options);
    if (Array.isArray(answer)) return callback(null, answer);
    return callback(null, answer.address, answer.family);
  });
};

dns.promises.lookup = async function lookup(hostname, options) {
  const err = checkName(hostname);
  if (err) throw err;
  if (isLoopbackIp(hostname)) {
    const h = String(hostname).replace(/^\[|\]$/g, '');
    const answer = { address: h, family: net.isIPv6(h) ? 6 : 4 };
    return options && options.all ? [answer] : answer;
  }
  return lookupAnswer(hostname, options);
};

// Queries that go to a name server: none of them may leave the machine.
const QUERIES = [
  'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv',
  'resolveTxt', 'reverse', 'lookupService',
];

function refuseCallback(name) {
  return function refused(hostname, ...rest) {
    const callback = rest.reverse().find((a) => typeof a === 'function');
    warn(`DNS query ${name}(${hostname})`);
    const err = refusal('ENOTFOUND', `DNS query ${name}(${hostname}) refused: not loopback`);
    if (callback) process.nextTick(() => callback(err));
    else throw err;
  };
}

function refusePromise(name) {
  return async function refused(hostname) {
    warn(`DNS query ${name}(${hostname})`);
    throw refusal('ENOTFOUND', `DNS query ${name}(${hostname}) refused: not loopback`);
  };
}

for (const name of QUERIES) {
  if (typeof dns[name] === 'function') dns[name] = refuseCallback(name);
  if (dns.Resolver && typeof dns.Resolver.prototype[name] === 'function') {
    dns.Resolver.prototype[name] = refuseCallback(name);
  }
  if (typeof dns.promises[name] === 'function') dns.promises[name] = refusePromise(name);
  if (dns.promises.Resolver && typeof dns.promises.Resolver.prototype[name] === 'function') {
    dns.promises.Resolver.prototype[name] = refusePromise(name);
  }
}

// `import { lookup } from 'node:dns'` must see the patched functions too.
syncBuiltinESMExports();
