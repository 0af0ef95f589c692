import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

// The definitions of TM Forum's published swagger documents (tmforum-apis on GitHub, Apache-2.0),
// kept as fixtures: what MPLI writes is checked against the real payload shapes.
type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; items?: Schema; type?: string };
const load = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}.definitions.json`, import.meta.url), 'utf8')) as { definitions: Record<string, Schema> };

/** A checker for one TMF API's definitions: JSON Schema validity, and no property the definition lacks. */
export function tmfSchema(api: 'tmf620-v4.1.0' | 'tmf633-v4.0.0' | 'tmf679-v4.0.0') {
  const { definitions } = load(api);
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: api, definitions });
  const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(definitions[schema.$ref.replace('#/definitions/', '')]!) : schema);
  const propertiesOf = (schema: Schema): Record<string, Schema> => {
    const s = resolve(schema);
    return Object.assign({}, ...(s.allOf ?? []).map(propertiesOf), s.properties ?? {});
  };
  // Every key written must be one the definition names (TMF's definitions allow extra keys, so JSON Schema alone would not tell).
  const unknownKeys = (value: unknown, schema: Schema, at: string): string[] => {
    const s = resolve(schema);
    if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => unknownKeys(v, s.items!, `${at}[${i}]`)) : [];
    if (!value || typeof value !== 'object') return [];
    const properties = propertiesOf(s);
    if (Object.keys(properties).length === 0) return [];
    return Object.entries(value).flatMap(([key, v]) => (properties[key] ? unknownKeys(v, properties[key]!, `${at}.${key}`) : [`${at}.${key}`]));
  };
  return {
    /** The problems of `value` as a `definition`: schema errors and keys the definition does not have. */
    problems(definition: string, value: unknown): string[] {
      const validate = ajv.getSchema(`${api}#/definitions/${definition}`)!;
      const errors = validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
      return [...errors, ...unknownKeys(value, { $ref: `#/definitions/${definition}` }, definition)];
    },
  };
}
