// Static file server on 127.0.0.1 for the demo article, test fixtures and benchmark pages.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `root` on 127.0.0.1 at a free port (or `port`).
 * @param {string} root folder to serve
 * @param {number} [port] 0 for any free port
 * @param {{ routes?: Record<string, () => string>, headers?: Record<string, Record<string, string>> }} [options]
 *   `routes`: extra paths answered with generated text (its type from the path's extension),
 *   such as scripts built at test time; `headers`: extra response headers of a path, such as a
 *   cross-origin isolation policy
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function serveFolder(root, port = 0, options = {}) {
  const base = normalize(root + sep);
  const routes = options.routes ?? {};
  const extraHeaders = (path) => (Object.hasOwn(options.headers ?? {}, path) ? options.headers[path] : {});
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (route) {
      let body;
      try {
        body = route();
      } catch (error) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        return;
      }
      response.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      response.end(body);
      return;
    }
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...extraHeaders(path),
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    origin: `http://127.0.0.1:${actualPort}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
