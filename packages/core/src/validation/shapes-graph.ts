import { NS, ontologyTurtle, shapesTurtle } from '@mpli/shapes';
import { DataFactory, Parser, Store } from 'n3';
import { Validator } from 'shacl-engine';

const RDFS_SUBCLASS = `${NS.rdfs}subClassOf`;

let shapesStore: Store | undefined;
let validator: Validator | undefined;

/**
 * The shapes graph: every MPLI shapes file, plus the ontology's rdfs:subClassOf axioms. shacl-engine
 * resolves sh:targetClass and sh:class through subclass links found in the shapes graph, so the
 * axioms let a mpli:VirtualMachineOffering count as a mpli:ServiceOffering without inference on
 * the data. Built once and cached.
 */
export function mpliShapesGraph(): Store {
  if (!shapesStore) {
    const store = new Store();
    for (const [path, text] of shapesTurtle()) {
      store.addQuads(new Parser({ format: 'text/turtle', baseIRI: `https://w3id.org/mpli/${path}` }).parse(text));
    }
    for (const quad of new Parser({ format: 'text/turtle' }).parse(ontologyTurtle())) {
      if (quad.predicate.value === RDFS_SUBCLASS) store.addQuad(quad);
    }
    shapesStore = store;
  }
  return shapesStore;
}

/** The RDF/JS factory shacl-engine needs: n3's terms, and n3 stores as datasets. */
export const shaclFactory = { ...DataFactory, dataset: (quads?: Iterable<never>) => new Store(quads ? [...quads] : undefined) };

/** A shacl-engine validator over the MPLI shapes (compiled once, reused). */
export function mpliValidator(): Validator {
  validator ??= new Validator(mpliShapesGraph(), { factory: shaclFactory as never, details: true });
  return validator;
}
