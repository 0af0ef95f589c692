// The body of a verifier worker thread: verifies the chunks it is sent with the setup it was
// started with, keeping its caches (contexts, keys, proof templates, DID documents) warm.
import { parentPort, workerData } from 'node:worker_threads';
import { verifyCredential } from '../credentials/verify-credential';
import { DidResolver } from '../did/did-resolver';
import { didWebResolver } from '../did/did-web';
import type { ChunkRequest, ChunkResponse, WorkerSetup } from './batch-messages';

const setup = workerData as WorkerSetup;
const didResolver = new DidResolver(setup.didWeb ? { web: didWebResolver(setup.didWeb) } : {});
const contexts = setup.contexts ? new Map(setup.contexts) : undefined;

parentPort?.on('message', (request: ChunkRequest) => {
  void verifyChunk(request).then((response) => parentPort?.postMessage(response));
});

async function verifyChunk(request: ChunkRequest): Promise<ChunkResponse> {
  try {
    const now = new Date(request.now);
    const results = [];
    for (const credential of request.credentials) {
      results.push(await verifyCredential(credential, { now, didResolver, ...(contexts ? { contexts } : {}), ...(setup.trustedRoots ? { trustedRoots: setup.trustedRoots } : {}) }));
    }
    return { id: request.id, results };
  } catch (error) {
    return { id: request.id, error: (error as Error).message };
  }
}
