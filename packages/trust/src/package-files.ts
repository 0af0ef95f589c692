// Files shipped beside `src/` and `dist/` in the package: one relative URL from a module at the
// root of either works for both, because tsup writes every bundle at the root of dist/.
const packageRoot = new URL('../', import.meta.url);

/** The URL of a file in the trust package, such as `contexts/gaia-x-2511.jsonld`. */
export function packageFile(path: string): URL {
  return new URL(path, packageRoot);
}
