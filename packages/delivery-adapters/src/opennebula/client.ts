import { request, type Dispatcher } from 'undici';
import { DeliveryError } from '../delivery-error';
import { decodeResponse, encodeCall, type XmlRpcValue } from './xmlrpc';

/** OpenNebula's error codes (include/Request.h). */
export const ONE_ERROR = { AUTHENTICATION: 0x100, AUTHORIZATION: 0x200, NO_EXISTS: 0x400, ACTION: 0x800, XML_RPC_API: 0x1000, INTERNAL: 0x2000, ALLOCATE: 0x4000, LOCKED: 0x8000 } as const;

/** A failure reply of OpenNebula: `[false, message, code, objectId, …]`. */
export class OneError extends DeliveryError {
  constructor(
    readonly oneCode: number,
    message: string,
    readonly objectId: number,
  ) {
    super(oneCode === ONE_ERROR.AUTHENTICATION || oneCode === ONE_ERROR.AUTHORIZATION ? 'UNAUTHORIZED' : 'TOOL_FAILED', `opennebula: ${message}`);
  }
}

const MAX_REPLY = 32 * 1024 * 1024;

/**
 * A client of OpenNebula's XML-RPC API (`/RPC2`): every call carries the `user:password` session
 * first and answers `[ok, result, errorCode, …]`, turned here into the result or a OneError.
 */
export class OneClient {
  constructor(
    private readonly endpoint: string,
    private readonly session: () => Promise<string>,
    private readonly options: { timeoutMs?: number; dispatcher?: Dispatcher } = {},
  ) {}

  async call<T extends XmlRpcValue>(method: string, ...params: XmlRpcValue[]): Promise<T> {
    const body = encodeCall(method, [await this.session(), ...params]);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.endpoint, {
        method: 'POST', headers: { 'content-type': 'text/xml' }, body,
        headersTimeout: this.options.timeoutMs ?? 30_000, bodyTimeout: this.options.timeoutMs ?? 30_000,
        ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
      });
    } catch (error) {
      throw new DeliveryError('TOOL_FAILED', `opennebula at ${new URL(this.endpoint).origin} cannot be reached: ${(error as Error).message}`);
    }
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_REPLY) {
        response.body.destroy();
        throw new DeliveryError('TOOL_FAILED', `opennebula: ${method} answered more than ${MAX_REPLY} bytes`);
      }
      parts.push(chunk as Buffer);
    }
    if (response.statusCode !== 200) throw new DeliveryError('TOOL_FAILED', `opennebula: ${method} answered HTTP ${response.statusCode}`);
    let reply: XmlRpcValue;
    try {
      reply = decodeResponse(Buffer.concat(parts).toString('utf8'));
    } catch (error) {
      throw new DeliveryError('TOOL_FAILED', `opennebula: ${method}: ${(error as Error).message}`);
    }
    if (!Array.isArray(reply) || typeof reply[0] !== 'boolean') throw new DeliveryError('TOOL_FAILED', `opennebula: ${method} answered something that is not [ok, result, code]`);
    if (!reply[0]) throw new OneError(Number(reply[2]), String(reply[1]), Number(reply[3] ?? -1));
    return reply[1] as T;
  }
}
