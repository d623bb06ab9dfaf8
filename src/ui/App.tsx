import { Header } from './common/Header';
import { Notice } from './common/Notice';
import { DatasetPanel } from './dataset/DatasetPanel';
import { DataOverview } from './dataset/DataOverview';
import { TrainingPanel } from './training/TrainingPanel';
import { LiveCurves } from './training/LiveCurves';
import { DynamicsPanel } from './training/DynamicsPanel';
import { MethodPanel } from './methods/MethodPanel';
import { SignalsPanel } from './signals/SignalsPanel';
import { RunsTable } from './results/RunsTable';
import { RobustnessChart } from './results/RobustnessChart';
import { RunDetails } from './results/RunDetails';
import { RunsToolbar } from './results/RunsToolbar';
import { CoresetDiff } from './results/CoresetDiff';
import { TeachPanel } from './teach/TeachPanel';
import { SwastPanel } from './swast/SwastPanel';
import { SslPanel } from './ssl/SslPanel';
import { ComparePanel } from './compare/ComparePanel';
import { useApp } from './context';

/** Controls on the left in the order data flows; what they produce on the right. */
export function App() {
  // The greedy step-through needs 2-D points: shown while the toy dataset is loaded.
  const toyLoaded = useApp((s) => s.data.summary?.points !== undefined);
  return (
    <div className="app">
      <Header />
      <Notice />
      <main className="layout">
        <aside className="controls" aria-label="Setup">
          <DatasetPanel />
          <TrainingPanel />
          <SignalsPanel />
          <MethodPanel />
        </aside>
        <div className="views">
          <DataOverview />
          {toyLoaded && <TeachPanel />}
          <section className="panel" aria-labelledby="results-h">
            <h2 id="results-h">Results</h2>
            <RunsToolbar />
            <RunsTable />
            <RobustnessChart />
          </section>
          <LiveCurves />
          <RunDetails />
          <CoresetDiff />
          <ComparePanel />
          <DynamicsPanel />
          <SwastPanel />
          <SslPanel />
        </div>
      </main>
    </div>
  );
}
