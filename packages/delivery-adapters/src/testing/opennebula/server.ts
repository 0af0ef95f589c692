import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeCall, encodeFault, encodeResponse, type XmlRpcValue } from '../../opennebula/xmlrpc';
import { IMAGE_METHODS } from './methods-image';
import { VM_METHODS } from './methods-vm';
import { OneFailure, RpcFault } from './model';
import { OneSimulator } from './simulator';

/** Options of {@link startOpenNebulaSimulator}. */
export interface OpenNebulaSimulatorOptions {
  /** Where the datastores live (images and the VMs' disks, as files). */
  readonly dir: string;
  /** Accounts; the first is oneadmin (uid 0). Default oneadmin / opennebula. */
  readonly users?: readonly { readonly name: string; readonly password: string }[];
  /** How long each driver step takes (PROLOG, BOOT, EPILOG, an image copy). Default 50 ms. */
  readonly stepMs?: number;
  readonly hostMemoryMiB?: number;
  /** Default 0: a free port on 127.0.0.1. */
  readonly port?: number;
}

export interface OpenNebulaSimulator {
  /** `http://127.0.0.1:<port>/RPC2` */
  readonly endpoint: string;
  readonly state: OneSimulator;
  close(): Promise<void>;
}

const METHODS = { ...VM_METHODS, ...IMAGE_METHODS };
const MAX_CALL = 8 * 1024 * 1024;

/**
 * A protocol-faithful OpenNebula XML-RPC front-end for tests, built from the published API
 * reference (6.10): the same method names and argument order, `[true, result, 0]` and
 * `[false, message, code, objectId, -1]` replies with oned's codes and message texts, xmlrpc-c
 * faults for bad parameters, the VM and LCM state machine, and images kept as files in datastore
 * folders. It is not OpenNebula: no hypervisor runs, and only the methods MPLI uses exist.
 */
export async function startOpenNebulaSimulator(options: OpenNebulaSimulatorOptions): Promise<OpenNebulaSimulator> {
  const state = new OneSimulator(options.dir, options.users ?? [{ name: 'oneadmin', password: 'opennebula' }], options.stepMs ?? 50, options.hostMemoryMiB ?? 16_384);
  await mkdir(state.imageDatastore, { recursive: true });
  await mkdir(state.systemDatastore, { recursive: true });
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CALL) chunks.push(chunk);
    });
    request.on('end', () => {
      void answer(request.method, request.url, Buffer.concat(chunks).toString('utf8'), size > MAX_CALL).then(([status, body]) => {
        response.writeHead(status, { 'content-type': 'text/xml' }).end(body);
      });
    });
  });
  const answer = async (method: string | undefined, url: string | undefined, body: string, tooBig: boolean): Promise<[number, string]> => {
    if (method !== 'POST' || url !== '/RPC2') return [404, ''];
    if (tooBig) return [413, ''];
    let call;
    try {
      call = decodeCall(body);
    } catch (error) {
      return [200, encodeFault(-503, `XML-RPC parse error: ${(error as Error).message}`)];
    }
    const run = METHODS[call.method];
    if (!run) return [200, encodeFault(-506, `Unknown method "${call.method}"`)];
    try {
      if (typeof call.params[0] !== 'string') throw new RpcFault(-501, call.params.length ? 'Parameter that is supposed to be string is not' : 'Not enough parameters');
      const user = state.authenticate(call.method, call.params[0]);
      const result: XmlRpcValue = await run(state, user, call.params.slice(1));
      return [200, encodeResponse([true, result, 0])];
    } catch (error) {
      if (error instanceof RpcFault) return [200, encodeFault(error.faultCode, error.message)];
      if (error instanceof OneFailure) return [200, encodeResponse([false, error.message, error.code, error.objectId, -1n])];
      return [200, encodeResponse([false, `[${call.method}] ${(error as Error).message}`, 0x2000, -1, -1n])];
    }
  };
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/RPC2`,
    state,
    close: async () => {
      state.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
