// `npm run playground`: builds the page and serves it on 127.0.0.1.
//
//   npm run playground                 http://127.0.0.1:5178/ (PORT=... to change; PORT=0 picks a free one)

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlayground } from "./build.mjs";

/**
 * Serves the built page at `/` on 127.0.0.1 and nothing else. Resolves to
 * the listening server and its URL; `server.close()` stops it.
 */
export function servePage(path, port) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (url.pathname === "/" || url.pathname === "/index.html") {
      // Read per request, so a rebuild shows on reload.
      const page = readFileSync(path);
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(request.method === "HEAD" ? undefined : page);
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildPlayground();
  const port = process.env.PORT === undefined ? 5178 : Number(process.env.PORT);
  const { url } = await servePage(built.path, port);
  console.log(`built ${relative(process.cwd(), built.path)} (${(built.gzip / 1024).toFixed(1)} KB gzip): open it from disk, or`);
  console.log(`serving the playground at ${url}  (Ctrl+C to stop)`);
}
