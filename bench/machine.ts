/** The machine behind a figure: CPU model, core count and load (benches run on shared machines). */
import { cpus, loadavg } from 'node:os';

export function cpuLine(): string {
  const la = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return `CPU ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, load average ${la}`;
}
