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
