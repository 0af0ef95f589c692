export { openstackAdapter, type OpenStackAdapterOptions, type OpenStackImageSource } from './adapter';
export { KeystoneSession, type KeystoneCredentials } from './keystone';
export { GlanceClient, type GlanceImage } from './glance';
export { NovaClient, NOVA_MICROVERSION, LostBuildError, type NovaServer } from './nova';
export { buildServer } from './build-server';
export { OpenStackError } from './http';
