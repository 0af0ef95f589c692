export { openstackAdapter, type OpenStackAdapterOptions, type OpenStackImageSource } from './adapter';
export { KeystoneSession, type KeystoneCredentials } from './keystone';
export { GlanceClient, type GlanceImage } from './glance';
export { NovaClient, NOVA_MICROVERSION, type NovaServer } from './nova';
export { OpenStackError } from './http';
