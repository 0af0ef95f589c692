import { MpliError } from '../errors/mpli-error';

/** The RDF serialisations MPLI reads and writes, by media type. */
export const RDF_FORMATS = ['text/turtle', 'application/n-triples', 'application/n-quads', 'application/ld+json'] as const;

/** One of the RDF serialisations MPLI reads and writes. */
export type RdfFormat = (typeof RDF_FORMATS)[number];

const BY_EXTENSION: Readonly<Record<string, RdfFormat>> = {
  '.ttl': 'text/turtle',
  '.turtle': 'text/turtle',
  '.nt': 'application/n-triples',
  '.nq': 'application/n-quads',
  '.jsonld': 'application/ld+json',
  '.json': 'application/ld+json',
};

const BY_MEDIA_TYPE: Readonly<Record<string, RdfFormat>> = {
  'text/turtle': 'text/turtle',
  'application/x-turtle': 'text/turtle',
  'application/n-triples': 'application/n-triples',
  'text/plain': 'application/n-triples',
  'application/n-quads': 'application/n-quads',
  'application/ld+json': 'application/ld+json',
  'application/json': 'application/ld+json',
};

/** The format a file name's extension implies, or undefined. */
export function formatFromFileName(name: string): RdfFormat | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION[name.slice(dot).toLowerCase()];
}

/** The format of a Content-Type header value (parameters ignored), or undefined. */
export function formatFromMediaType(contentType: string): RdfFormat | undefined {
  return BY_MEDIA_TYPE[contentType.split(';')[0]?.trim().toLowerCase() ?? ''];
}

/** Guesses a format from the text itself: JSON starts with `{` or `[`; otherwise Turtle. */
export function sniffFormat(text: string): RdfFormat {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'application/ld+json' : 'text/turtle';
}

/** Checks that a string names a supported format; throws `UNSUPPORTED_FORMAT` otherwise. */
export function requireFormat(format: string): RdfFormat {
  const known = formatFromMediaType(format);
  if (!known) {
    throw new MpliError('UNSUPPORTED_FORMAT', `Unsupported RDF format "${format}": use ${RDF_FORMATS.join(', ')}`, {
      details: { format },
    });
  }
  return known;
}
