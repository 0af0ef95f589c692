import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { TestPki } from './certificates';

/** A real HTTPS server on loopback with a certificate from a test CA, and an undici Agent that trusts that CA. */
export interface LoopbackHttps {
  readonly origin: string;
  /** `localhost%3A<port>`: the host part of a did:web on this server. */
  readonly didHost: string;
  readonly dispatcher: Agent;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startHttps(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<LoopbackHttps> {
  const pki = new TestPki('Loopback');
  const leaf = pki.issue('localhost', pki.intermediate, { san: 'DNS:localhost,IP:127.0.0.1' });
  const requests: string[] = [];
  const server = createServer({ key: leaf.key, cert: `${leaf.certificate}${pki.intermediate.certificate}` }, (request, response) => {
    requests.push(request.url ?? '');
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  const dispatcher = new Agent({ connect: { ca: pki.root.certificate } });
  return {
    origin: `https://localhost:${port}`,
    didHost: `localhost%3A${port}`,
    dispatcher,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.close();
    },
  };
}

/** Answers one path. */
export type Route = (response: ServerResponse) => void;

/** A loopback HTTPS server answering from a table of routes by exact path (404 otherwise); tests fill the table. */
export async function startRoutedHttps(): Promise<LoopbackHttps & { readonly routes: Map<string, Route> }> {
  const routes = new Map<string, Route>();
  const server = await startHttps((request, response) => {
    const route = routes.get(request.url ?? '');
    if (route) route(response);
    else response.writeHead(404).end();
  });
  return Object.assign(server, { routes });
}

/** A route answering 200 with `body` as JSON. */
export const jsonRoute = (body: unknown, contentType: string, headers: Record<string, string> = {}): Route => (response) => {
  response.writeHead(200, { 'content-type': contentType, ...headers });
  response.end(JSON.stringify(body));
};
