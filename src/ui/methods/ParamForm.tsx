import type { ParamSpec, ParamValues } from '../../core/methods/params';
import { Field } from '../common/Field';
import { NumberInput } from '../common/NumberInput';

/** A form generated from a method's params schema: never hand-written per method. */
export function ParamForm({
  methodId,
  specs,
  values,
  onChange,
}: {
  methodId: string;
  specs: readonly ParamSpec[];
  values: ParamValues;
  onChange: (name: string, value: string | number | boolean) => void;
}) {
  return (
    <div className="param-form">
      {specs.map((p) => {
        const id = `param-${methodId}-${p.name}`;
        const testId = `methods.${methodId}.${p.name}`;
        const v = values[p.name] ?? p.default;
        return (
          <Field key={p.name} id={id} label={p.label ?? p.name} help={p.help}>
            {p.type === 'number' ? (
              <NumberInput
                id={id}
                testId={testId}
                value={Number(v)}
                min={p.min}
                max={p.max}
                step={p.step}
                integer={p.integer}
                onChange={(x) => onChange(p.name, x)}
              />
            ) : p.type === 'enum' ? (
              <select
                id={id}
                data-testid={testId}
                value={String(v)}
                onChange={(e) => onChange(p.name, e.target.value)}
              >
                {p.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                data-testid={testId}
                type="checkbox"
                checked={Boolean(v)}
                onChange={(e) => onChange(p.name, e.target.checked)}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}
