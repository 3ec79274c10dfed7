// Preloaded (--require) into every sandboxed process before the user's code.
// It replaces each way to open a socket or resolve a name with a function that
// throws, and freezes the replacement. Under --permission the user's code
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
  require("node:module").syncBuiltinESMExports();
})();
`;
