import { useEffect, useState } from 'react';

/** Copies the address (which carries the whole setup) for sharing, and says whether it worked. */
export function CopyLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clip) return setState('failed');
    clip.writeText(location.href).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="copy-link">
      <button
        type="button"
        className="small"
        data-testid="share.copy"
        onClick={copy}
        title="The link opens this setup (data, model, method) in another tab or browser"
      >
        Copy link to this setup
      </button>
      <span role="status" className="copy-state" data-testid="share.state">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: use the address bar' : ''}
      </span>
    </span>
  );
}
