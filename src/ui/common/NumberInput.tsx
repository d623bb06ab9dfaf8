import { useState } from 'react';

/**
 * A number box that keeps what the user typed until it parses; an invalid entry is shown as
 * invalid with the reason instead of being silently replaced.
 */
export function NumberInput(props: {
  id: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
  testId?: string;
  onChange: (v: number) => void;
}) {
  const { id, value, min, max, step, integer, testId, onChange } = props;
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string>();
  // When the value changes from outside (a link, a reset), show it; keep the user's own
  // half-typed text while it still means the same number (React's "adjust state on prop change").
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (Number(text) !== value) {
      setText(String(value));
      setError(undefined);
    }
  }
  return (
    <>
      <input
        id={id}
        data-testid={testId}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const v = Number(t);
          if (t.trim() === '' || !Number.isFinite(v)) setError('enter a number');
          else if (integer && !Number.isInteger(v)) setError('whole numbers only');
          else if (v < min || v > max) setError(`between ${min} and ${max}`);
          else {
            setError(undefined);
            onChange(v);
          }
        }}
      />
      {error && (
        <small className="field-error" id={`${id}-err`} role="alert">
          {error}
        </small>
      )}
    </>
  );
}
