import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/**
 * An HTTP proxy in front of a receiver that flips one bit in the body of window uploads, as a
 * faulty link would: `times` windows are damaged (Infinity: all of them). Counts what it damaged.
 */
export async function startTamperingProxy(target: string, times: number): Promise<{ url: string; damaged(): number; close(): Promise<void> }> {
  let damaged = 0;
  const server = createServer((incoming: IncomingMessage, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (/\/windows\/\d+$/.test(incoming.url ?? '') && damaged < times && body.length > 100) {
        body[100] = body[100]! ^ 0x01;
        damaged += 1;
      }
      const headers = Object.fromEntries(Object.entries(incoming.headers).filter(([k]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k))) as Record<string, string>;
      request(`${target}${incoming.url ?? '/'}`, { method: incoming.method as 'PUT', headers, ...(body.length || incoming.method !== 'GET' ? { body } : {}) })
        .then(async (answer) => {
          const text = await answer.body.arrayBuffer();
          outgoing.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/octet-stream') }).end(Buffer.from(text));
        })
        .catch(() => outgoing.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    damaged: () => damaged,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
