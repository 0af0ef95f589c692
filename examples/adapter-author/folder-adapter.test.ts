import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAdapterConformance } from '@mpli/delivery-adapters/testing';
import { folderAdapter } from './folder-adapter';

// The conformance suite every adapter passes, run on the example adapter as an author would.
const SECRET = 'folder-token-never-printed-7d1e';
describeAdapterConformance('the folder adapter (examples/adapter-author)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mpli-folder-adapter-'));
  const order = (parameters: Record<string, string | boolean>) => (id: string) => ({ id, offering: 'urn:example:workspace', adapter: 'folder', parameters });
  return {
    adapter: folderAdapter(root, async () => ({ token: SECRET })),
    order: order({ item: 'notes' }),
    failingOrder: order({ fail: true }),
    slowOrder: order({ slow: true }),
    secret: SECRET,
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});
