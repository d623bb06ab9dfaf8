/**
 * The second half of a deferred start (ml/backend.ts `defer`): measures the backends the start
 * left pending, one at a time, then moves to the fastest and caches the figures per device, as
 * a full probe at start would have. `stop()` is asked between backends: a job that wants the
 * worker gets it back on the start's backend, and nothing is cached.
 */
import {
  BACKENDS,
  deviceKey,
  describeProbes,
  pickFastest,
  probeBackends,
  switchBackend,
  type BackendChoice,
  type BackendOptions,
  type BackendProbe,
} from './backend';

export async function probeOthers(
  start: BackendChoice,
  opts: BackendOptions & { stop?: () => boolean },
): Promise<BackendChoice | undefined> {
  const probes: BackendProbe[] = [...(start.probes ?? [])];
  const stopped = async () => {
    if (!opts.stop?.()) return false;
    await switchBackend(start.name, opts);
    return true;
  };
  for (const name of start.pending ?? []) {
    if (await stopped()) return undefined;
    probes.push(...(await probeBackends([name], opts)));
  }
  if (await stopped()) return undefined;
  probes.sort((a, b) => BACKENDS.indexOf(a.name) - BACKENDS.indexOf(b.name));
  const hardware = start.adapter.startsWith('hardware');
  const ranked = [...probes].sort((a, b) => (b.gflops ?? -1) - (a.gflops ?? -1));
  const first = pickFastest(probes, hardware);
  if (first) ranked.unshift(first);
  for (const p of ranked) {
    if (p.gflops === undefined || !(await switchBackend(p.name, opts))) continue;
    await opts.probeCache?.set(deviceKey(start.adapter), probes).catch(() => {});
    const reason =
      p.name === 'webgpu' && hardware
        ? `hardware WebGPU at least as fast as the rest (${describeProbes(probes)})`
        : `fastest measured here (GFLOP/s: ${describeProbes(probes)})`;
    return {
      name: p.name,
      adapter: start.adapter,
      reason,
      gflops: p.gflops,
      probes,
      probeCached: false,
      measuredLater: true,
    };
  }
  // Nothing else measured: the start's backend stays, now with every figure.
  await switchBackend(start.name, opts);
  return { ...start, probes, pending: undefined, measuredLater: true };
}
