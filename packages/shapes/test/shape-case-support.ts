// Shared by the shape-case runner and the coverage test: the shapes graph, the case folders, and
// the expected reports. Deliberately independent of @mpli/core (core depends on this package).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad, Term } from 'n3';
import type { Quad as RdfQuad } from '@rdfjs/types';
import { NS } from '../src/namespaces';
import { ONTOLOGY_FILE, SHAPE_FILES, readPackageFile } from '../src/files';

export const SH = NS.sh;
export const RDF_TYPE = `${NS.rdf}type`;
export const RDFS_SUBCLASS = `${NS.rdfs}subClassOf`;

/**
 * Cases whose expected.ttl states the intended result while the shapes currently report something
 * else. The runner runs them as `it.fails`, so they turn red once the shapes are fixed (then drop
 * them here); the coverage test does not count them.
 */
export const KNOWN_SHAPE_ISSUES: Readonly<Record<string, string>> = {};

/** The folder holding one sub-folder per case, each with `data.ttl` and `expected.ttl`. */
export const CASES_DIR = new URL('./cases/', import.meta.url);

/** Parses Turtle into quads; `base` resolves relative IRIs and names the source in errors. */
export function parseTurtle(text: string, base: string): Quad[] {
  return new Parser({ format: 'text/turtle', baseIRI: base }).parse(text);
}

/**
 * The shapes graph as shacl-engine needs it: every file in SHAPE_FILES, plus the ontology's
 * rdfs:subClassOf axioms (shacl-engine resolves sh:targetClass and sh:class through subclass
 * links found in the shapes graph, not in the data).
 */
export function buildShapesGraph(): Store {
  const store = new Store();
  for (const path of SHAPE_FILES) {
    store.addQuads(parseTurtle(readPackageFile(path), `https://w3id.org/mpli/${path}`));
  }
  for (const quad of parseTurtle(readPackageFile(ONTOLOGY_FILE), `https://w3id.org/mpli/${ONTOLOGY_FILE}`)) {
    if (quad.predicate.value === RDFS_SUBCLASS) store.addQuad(quad);
  }
  return store;
}

/** The RDF/JS factory shacl-engine needs: n3's terms, and n3 stores as datasets. */
export const shaclFactory = {
  ...DataFactory,
  dataset: (quads?: Iterable<RdfQuad>) => new Store(quads ? [...quads] : undefined),
};

/** One result an expected report lists: all its source shapes must show in one actual result tree. */
export interface ExpectedResult {
  readonly focusNode: Term;
  readonly severity: string;
  readonly sourceShapes: readonly string[];
}

/** An expected report, read from a case's `expected.ttl`. */
export interface ExpectedReport {
  readonly conforms: boolean;
  readonly results: readonly ExpectedResult[];
}

/** A test case folder. */
export interface ShapeCase {
  readonly name: string;
  readonly dataUrl: URL;
  readonly expectedUrl: URL;
}

/** Every case folder, sorted by name. Throws when a folder lacks one of its two files. */
export function listCases(): ShapeCase[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dataUrl = new URL(`${name}/data.ttl`, CASES_DIR);
      const expectedUrl = new URL(`${name}/expected.ttl`, CASES_DIR);
      for (const url of [dataUrl, expectedUrl]) {
        if (!existsSync(url)) throw new Error(`Case ${name} has no ${url.pathname.split('/').pop() ?? ''}`);
      }
      return { name, dataUrl, expectedUrl };
    });
}

/** A case's data graph. */
export function readData(shapeCase: ShapeCase): Store {
  return new Store(parseTurtle(readFileSync(shapeCase.dataUrl, 'utf8'), shapeCase.dataUrl.href));
}

/** Reads a case's `expected.ttl`: exactly one sh:ValidationReport with sh:conforms and its sh:result nodes. */
export function readExpected(shapeCase: ShapeCase): ExpectedReport {
  const store = new Store(parseTurtle(readFileSync(shapeCase.expectedUrl, 'utf8'), shapeCase.expectedUrl.href));
  const reports = store.getSubjects(RDF_TYPE, `${SH}ValidationReport`, null);
  const report = reports[0];
  if (reports.length !== 1 || !report) throw new Error(`${shapeCase.name}: expected.ttl needs exactly one sh:ValidationReport`);
  const conforms = store.getObjects(report, `${SH}conforms`, null);
  if (conforms.length !== 1 || !['true', 'false'].includes(conforms[0]?.value ?? '')) {
    throw new Error(`${shapeCase.name}: the report needs one boolean sh:conforms`);
  }
  const results = store.getObjects(report, `${SH}result`, null).map((node): ExpectedResult => {
    const focusNodes = store.getObjects(node, `${SH}focusNode`, null);
    const severities = store.getObjects(node, `${SH}resultSeverity`, null);
    const sourceShapes = store.getObjects(node, `${SH}sourceShape`, null).map((term) => term.value);
    const [focusNode] = focusNodes;
    if (focusNodes.length !== 1 || !focusNode || severities.length !== 1 || sourceShapes.length === 0) {
      throw new Error(`${shapeCase.name}: each sh:result needs one sh:focusNode, one sh:resultSeverity and a sh:sourceShape`);
    }
    return { focusNode, severity: severities[0]?.value ?? '', sourceShapes };
  });
  return { conforms: conforms[0]?.value === 'true', results };
}
