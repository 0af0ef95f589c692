import { mpliPackageConfig } from '../../config/tsup.base';

export default mpliPackageConfig({ index: 'src/index.ts' });
