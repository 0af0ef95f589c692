import { mpliPackageConfig } from '../../config/tsup.base';

// The verifier worker is an entry of its own: worker threads load it by file.
export default mpliPackageConfig({ index: 'src/index.ts', 'verify-worker': 'src/batch/verify-worker.ts' });
