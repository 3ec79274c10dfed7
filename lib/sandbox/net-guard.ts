// Preloaded (--require) into every sandboxed process before the user's code.
// It replaces each way to open a socket or resolve a name with a function that
// throws, and freezes the replacement. It does the same for signals to other
// processes: the permission model does not cover process.kill, and the
// sandbox's parent is the studio itself (one process.kill(process.ppid) away). Under --permission the user's code
// cannot reach the original bindings (process.binding is denied).
export const NET_GUARD_SOURCE = String.raw`"use strict";
(function () {
  const deny = (what) => function denied() {
    const e = new Error("network access is not allowed in the sandbox (" + what + ")");
    e.code = "ERR_ACCESS_DENIED";
    throw e;
  };
  const lock = (obj, key, what) => {
    if (!obj) return;
    Object.defineProperty(obj, key, { value: deny(what), writable: false, configurable: false, enumerable: false });
  };
  const net = require("node:net");
  lock(net.Socket.prototype, "connect", "net connect");
  lock(net.Server.prototype, "listen", "net listen");
  for (const k of ["connect", "createConnection", "createServer"]) lock(net, k, "net." + k);
  const tls = require("node:tls");
  for (const k of ["connect", "createServer"]) lock(tls, k, "tls." + k);
  for (const name of ["node:http", "node:https"]) {
    const m = require(name);
    for (const k of ["request", "get", "createServer"]) lock(m, k, name + "." + k);
  }
  const http2 = require("node:http2");
  for (const k of ["connect", "createServer", "createSecureServer"]) lock(http2, k, "http2." + k);
  const dgram = require("node:dgram");
  lock(dgram, "createSocket", "dgram.createSocket");
  for (const k of ["bind", "send", "connect"]) lock(dgram.Socket.prototype, k, "dgram " + k);
  const dns = require("node:dns");
  const dnsFns = ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveMx", "resolveNs", "resolveTxt", "resolveSrv", "resolvePtr", "resolveNaptr", "resolveSoa", "resolveCaa", "reverse"];
  for (const k of dnsFns) {
    lock(dns, k, "dns." + k);
    lock(dns.promises, k, "dns." + k);
    lock(dns.Resolver && dns.Resolver.prototype, k, "dns." + k);
    lock(dns.promises.Resolver && dns.promises.Resolver.prototype, k, "dns." + k);
  }
  for (const g of ["fetch", "WebSocket", "EventSource"]) {
    Object.defineProperty(globalThis, g, { value: deny(g), writable: false, configurable: false, enumerable: false });
  }
  // signals: the program may signal itself, never another process (nor its group, nor all: pid 0 / -1).
  // process.kill validates its arguments and calls process._kill, the raw binding: that is the one gate.
  const rawKill = process._kill;
  const ownPid = process.pid;
  Object.defineProperty(process, "_kill", {
    value: function _kill(pid, sig) {
      if (pid !== ownPid) return deny("process.kill of another process")();
      return rawKill.call(process, pid, sig);
    },
    writable: false, configurable: false, enumerable: false,
  });
  // SIGUSR1 to another process, which opens its inspector
  lock(process, "_debugProcess", "process._debugProcess");
  lock(require("node:os"), "setPriority", "os.setPriority");
  require("node:module").syncBuiltinESMExports();
})();
`;
