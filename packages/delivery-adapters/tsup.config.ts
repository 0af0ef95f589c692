import { mpliPackageConfig } from '../../config/tsup.base';

export default mpliPackageConfig({ index: 'src/index.ts', terraform: 'src/terraform/index.ts', ansible: 'src/ansible/index.ts', libvirt: 'src/libvirt/index.ts', openstack: 'src/openstack/index.ts', mpli: 'src/mpli/index.ts', opennebula: 'src/opennebula/index.ts', testing: 'src/testing/index.ts' });
