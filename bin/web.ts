import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { addressList, CLIENT_ADDRESS_HEADER, clientAddress } from "../lib/auth/client-address";
import { env } from "../lib/env";

// The web app, started by `studio start`. Next.js keeps a client's own
// X-Forwarded-For, so the studio listens itself and records each request's
// address from the socket (believing X-Forwarded-For only from a proxy in
// STUDIO_TRUSTED_PROXIES), replacing any such header a client sent.

const ROOT = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const trusted = addressList(env.STUDIO_TRUSTED_PROXIES);

const app = next({ dev, dir: ROOT, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted) ?? "";
  void handle(req, res);
});
if (dev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
server.listen(env.PORT);
