import { mpliPackageConfig } from '../../config/tsup.base';

// The digest worker is an entry of its own: worker threads load it by file.
export default mpliPackageConfig({ index: 'src/index.ts', 'digest-worker': 'src/disk/digest-worker.ts' });
