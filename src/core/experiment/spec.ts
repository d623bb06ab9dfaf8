/**
 * The experiment spec: every parameter a user can share. One place for defaults and validation
 * (the UI, the URL codec and the CLI all call validateSpec), so a bad value gets the same
 * message, naming the field, wherever it came from. Both are generated from the field schema
 * (specSchema.ts); the rules that tie fields together are written out below.
 */
import { getMethod } from '../methods/registry';
import { resolveParams } from '../methods/params';
import { SPEC_FIELDS, getPath, rangeText, schemaDefaults, setPath, type SchemaField } from './specSchema';
import type { ExperimentSpec } from './specTypes';

export type { AttackSpec } from './attack';
export type { TrainBudget } from './budget';

export { DATASET_CHOICES, MODEL_KINDS } from './specSchema';
export type { CorruptionSpec, DatasetChoice, ExperimentSpec, ModelKind, ToySpec } from './specTypes';
export const TRAIN_SIZES = [1000, 5000, 10000, 60000] as const;

/** Every field's default from the schema; params: the default method's (random) defaults. */
export const DEFAULT_SPEC: ExperimentSpec = { ...schemaDefaults(), params: { balance: 'proportional' } };

export class SpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SpecError';
  }
}

/** Checks one value against its schema entry: the error names the field and its range or options. */
function checkField(f: SchemaField, v: unknown): unknown {
  const field = f.path;
  switch (f.kind) {
    case 'number':
    case 'integer': {
      if (f.minExclusive) {
        // An open range says so in every message: "fraction must be in (0, 1]".
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= f.min || v > f.max)
          throw new SpecError(field, `${field} must be in ${rangeText(f)}, got ${JSON.stringify(v)}`);
      }
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new SpecError(field, `${field} must be a number, got ${JSON.stringify(v)}`);
      if (f.kind === 'integer' && !Number.isInteger(v))
        throw new SpecError(field, `${field} must be an integer, got ${v}`);
      if (v < f.min || v > f.max)
        throw new SpecError(field, `${field} must be between ${f.min} and ${f.max}, got ${v}`);
      return v;
    }
    case 'enum':
      if (typeof v !== 'string' || !f.options.includes(v))
        throw new SpecError(
          field,
          `${field} must be one of ${f.options.join(', ')}, got ${JSON.stringify(v)}`,
        );
      return v;
    case 'boolean':
      if (typeof v !== 'boolean')
        throw new SpecError(field, `${field} must be true or false, got ${JSON.stringify(v)}`);
      return v;
    case 'text':
      // Checked by the rules below (the method registry, the import's id).
      return v;
  }
}

/**
 * Returns a fully checked copy of `spec`; throws SpecError naming the first bad field. Each
 * field is checked against its schema entry (specSchema.ts), then the rules that tie fields
 * together.
 */
export function validateSpec(spec: ExperimentSpec): ExperimentSpec {
  const out: Record<string, unknown> = {};
  for (const f of SPEC_FIELDS) {
    let v = getPath(spec, f.path);
    // A spec saved before the field existed (attacks, budgets, imports) gets its default.
    if (v == null && f.legacyDefault) v = f.default;
    setPath(out, f.path, checkField(f, v));
  }
  const checked = out as unknown as ExperimentSpec;
  const { dataset } = checked;
  const customId = checked.customId ?? '';
  if (dataset === 'custom' && !/^[0-9a-f]{8}$/.test(customId))
    throw new SpecError(
      'customId',
      `dataset custom needs the imported data's id (8 hex digits), got ${JSON.stringify(customId)}`,
    );
  if (dataset !== 'custom') checked.customId = '';
  if ((dataset === 'toy' || dataset === 'radio' || dataset === 'custom') && checked.corruption.ood > 0)
    throw new SpecError(
      'corruption.ood',
      `OOD injection needs an image dataset (mnist or fashion), not ${dataset}`,
    );
  let method;
  try {
    method = getMethod(spec.method);
  } catch (e) {
    throw new SpecError('method', (e as Error).message);
  }
  try {
    checked.params = resolveParams(method.params, spec.params, method.name);
  } catch (e) {
    throw new SpecError('params', (e as Error).message);
  }
  return checked;
}
