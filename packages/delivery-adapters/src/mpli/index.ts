export { mpliAdapter, UPSTREAM_OFFERING, type MpliAdapterOptions } from './adapter';
export { upstreamOrderId } from './rest-client';
