export { libvirtAdapter, type LibvirtAdapterOptions, type LibvirtImage } from './adapter';
export { LibvirtClient, type DomainRef, type PoolRef, type VolumeRef } from './libvirt-client';
export { LibvirtError, type LibvirtAddress } from './rpc-connection';
export { domainXml, operationOf, type DomainSpec } from './domain-xml';
export type { DomainState } from './procedures';
export { waitForConsole } from './console-wait';
export { describeDomain, exportDomain } from './export';
