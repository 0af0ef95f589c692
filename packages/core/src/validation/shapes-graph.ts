import { NS, ontologyTurtle, shapesTurtle } from '@mpli/shapes';
import { DataFactory, Parser } from 'n3';
import { CompactDataset } from '../dataset/compact-dataset';
import { Validator } from 'shacl-engine';

const RDFS_SUBCLASS = `${NS.rdfs}subClassOf`;

let shapesStore: CompactDataset | undefined;
let validator: Validator | undefined;

/**
 * The shapes graph: every MPLI shapes file, plus the ontology's rdfs:subClassOf axioms. shacl-engine
 * resolves sh:targetClass and sh:class through subclass links found in the shapes graph, so the
 * axioms let a mpli:VirtualMachineOffering count as a mpli:ServiceOffering without inference on
 * the data. Built once and cached.
 */
export function mpliShapesGraph(): CompactDataset {
  if (!shapesStore) {
    const store = new CompactDataset();
    for (const [path, text] of shapesTurtle()) {
      store.addQuads(new Parser({ format: 'text/turtle', baseIRI: `https://w3id.org/mpli/${path}` }).parse(text));
    }
    for (const quad of new Parser({ format: 'text/turtle' }).parse(ontologyTurtle())) {
      if (quad.predicate.value === RDFS_SUBCLASS) store.add(quad);
    }
    shapesStore = store;
  }
  return shapesStore;
}

/** The RDF/JS factory shacl-engine needs: n3's terms, and compact datasets. */
export const shaclFactory = { ...DataFactory, dataset: (quads?: Iterable<never>) => new CompactDataset(quads) };

/** A shacl-engine validator over the MPLI shapes (compiled once, reused). */
export function mpliValidator(): Validator {
  validator ??= new Validator(mpliShapesGraph(), { factory: shaclFactory as never, details: true });
  return validator;
}
