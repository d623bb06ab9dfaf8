import { useApp } from '../context';
import { ClassCountsChart } from './ClassCountsChart';
import { SampleGrid } from './SampleGrid';
import { SignalSamples } from './SignalSamples';
import { StrataCountsChart } from './StrataCountsChart';
import { ToyScatter } from './ToyScatter';

/** What is loaded: sizes, class balance, injected corruptions, and what the samples look like. */
export function DataOverview() {
  const data = useApp((s) => s.data);
  const s = data.summary;
  if (!s)
    return (
      <section className="panel" aria-labelledby="overview-h">
        <h2 id="overview-h">Data</h2>
        <p className="empty">{data.status === 'loading' ? 'Loading the dataset…' : 'No data loaded yet.'}</p>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="overview-h" data-testid="dataset.overview">
      <h2 id="overview-h">{s.name}</h2>
      <div className="stats">
        <div className="stat">
          <b data-testid="dataset.count">{s.n.toLocaleString('en')}</b>
          <span>training samples</span>
        </div>
        <div className="stat">
          <b>{s.testN.toLocaleString('en')}</b>
          <span>test samples</span>
        </div>
        <div className="stat">
          <b>{s.numClasses}</b>
          <span>classes</span>
        </div>
        {s.noisyCount > 0 && (
          <div className="stat">
            <b>{s.noisyCount.toLocaleString('en')}</b>
            <span>noisy labels injected</span>
          </div>
        )}
        {s.oodCount > 0 && (
          <div className="stat">
            <b>{s.oodCount.toLocaleString('en')}</b>
            <span>OOD images injected</span>
          </div>
        )}
        <div className="stat">
          <b>{(s.loadMs / 1000).toFixed(2)} s</b>
          <span>load time</span>
        </div>
      </div>
      <div className="panel-grid">
        <ClassCountsChart summary={s} />
        {s.strata && <StrataCountsChart summary={s} />}
        {s.points ? (
          <ToyScatter summary={s} />
        ) : s.sampleSignals ? (
          <SignalSamples summary={s} />
        ) : (
          <SampleGrid summary={s} />
        )}
      </div>
    </section>
  );
}
