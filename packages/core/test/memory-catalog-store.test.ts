import { describe } from 'vitest';
import { MemoryCatalogStore } from '@mpli/core';
import { catalogStoreContract } from './catalog-store-contract';

describe('MemoryCatalogStore', () => {
  catalogStoreContract(async () => new MemoryCatalogStore());
});
