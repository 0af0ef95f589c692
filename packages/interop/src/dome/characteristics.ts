import type { CharacteristicValue } from './tmf-types';

/** A characteristic as MPLI writes it: a name, a TMF value type, its values (the first the default). */
export interface EncodedCharacteristic {
  readonly name: string;
  readonly valueType: 'string' | 'number' | 'boolean' | 'object';
  readonly values: readonly CharacteristicValue[];
}

/** Offering fields that hold lists (a characteristic with several values); every other field holds one value. */
export const LIST_FIELDS: ReadonlySet<string> = new Set([
  'locations', 'certifications', 'dataProtectionRegimes', 'prerequisites', 'keywords', 'gpus', 'images', 'apiCompatibility', 'kubernetesVersions', 'engineVersions',
]);

const isQuantity = (value: unknown): value is { value: number; unit: string } =>
  !!value && typeof value === 'object' && Object.keys(value).length === 2 && typeof (value as { value?: unknown }).value === 'number' && typeof (value as { unit?: unknown }).unit === 'string';

function encodeValue(value: unknown, isDefault: boolean): CharacteristicValue & { valueType: EncodedCharacteristic['valueType'] } {
  if (isQuantity(value)) return { isDefault, value: value.value, valueType: 'number', unitOfMeasure: value.unit };
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return { isDefault, value, valueType: type as 'string' | 'number' | 'boolean' };
  return { isDefault, value, valueType: 'object' };
}

/**
 * A field of an offering as a TMF characteristic: scalars as themselves, quantities as a number
 * with its unit of measure (`GiB`), structured values (locations, SLA, GPUs) as JSON objects (TMF's
 * `value` is of any type), lists as several values. Absent and empty fields give nothing.
 */
export function encodeCharacteristic(name: string, field: unknown): EncodedCharacteristic | undefined {
  if (field === undefined || (Array.isArray(field) && field.length === 0)) return undefined;
  const values = (Array.isArray(field) ? field : [field]).map((v: unknown, i) => encodeValue(v, i === 0));
  return { name, valueType: values[0]!.valueType, values: values.map(({ valueType, ...rest }) => (valueType === values[0]!.valueType ? rest : { ...rest, valueType })) };
}

/** The field a characteristic holds, the inverse of {@link encodeCharacteristic}. */
export function decodeCharacteristic(name: string, values: readonly CharacteristicValue[] | undefined): unknown {
  const decoded = (values ?? []).map((v) => (typeof v.value === 'number' && v.unitOfMeasure ? { value: v.value, unit: v.unitOfMeasure } : v.value));
  return LIST_FIELDS.has(name) ? decoded : decoded[0];
}
