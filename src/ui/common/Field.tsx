import type { ReactNode } from 'react';

/** A labelled control with optional help; the label is bound to the control for screen readers. */
export function Field({
  id,
  label,
  help,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <small className="help">{help}</small>}
    </div>
  );
}
