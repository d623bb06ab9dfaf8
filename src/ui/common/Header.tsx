import { useApp } from '../context';
import { CopyLink } from './CopyLink';

/** Title bar with the backend in use, its adapter and why it was chosen. */
export function Header() {
  const backend = useApp((s) => s.backend);
  let badge: string;
  let title: string;
  if (backend.status === 'ready' && backend.choice) {
    const c = backend.choice;
    badge = `${c.name} · ${c.adapter.startsWith('hardware') ? 'hardware' : c.adapter.split(' (')[0]}`;
    title = `${c.reason}. Adapter: ${c.adapter}. Warm-up matMul: ${c.gflops.toFixed(1)} GFLOP/s.`;
    if (c.workload) badge += ` · ${c.workload.workload}`;
  } else if (backend.status === 'error') {
    badge = 'no backend';
    title = backend.error ?? '';
  } else {
    badge = 'starting backend…';
    title = 'Probing WebGPU and the fallbacks';
  }
  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden="true" />
        <h1>Coreset Workbench</h1>
        <span className="tagline">what do you lose when you keep only a few?</span>
      </div>
      <CopyLink />
      <div className="backend" data-testid="backend.badge" title={title}>
        <span className={`dot ${backend.status}`} aria-hidden="true" />
        <span className="backend-name">{badge}</span>
        {backend.choice && <span className="backend-reason">{backend.choice.reason}</span>}
      </div>
    </header>
  );
}
