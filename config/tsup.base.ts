import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every `@mpli/*` package builds with: ESM only, typed, Node 20.
 * A package passes its entry points (one per public subpath) and any extra options.
 */
export function mpliPackageConfig(entry: Record<string, string>, extra: Partial<Options> = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    outDir: 'dist',
    // A library never bundles what it imports by name: every package import stays an import,
    // resolved from the installing project's node_modules (and listed in dependencies).
    external: [/^[^./]/],
    ...extra,
  });
}
