import { Header } from './common/Header';
import { Notice } from './common/Notice';
import { DatasetPanel } from './dataset/DatasetPanel';
import { DataOverview } from './dataset/DataOverview';
import { TrainingPanel } from './training/TrainingPanel';
import { LiveCurves } from './training/LiveCurves';
import { DynamicsPanel } from './training/DynamicsPanel';
import { MethodPanel } from './methods/MethodPanel';
import { RunsTable } from './results/RunsTable';
import { RunDetails } from './results/RunDetails';

/** Controls on the left in the order data flows; what they produce on the right. */
export function App() {
  return (
    <div className="app">
      <Header />
      <Notice />
      <main className="layout">
        <aside className="controls" aria-label="Setup">
          <DatasetPanel />
          <TrainingPanel />
          <MethodPanel />
        </aside>
        <div className="views">
          <DataOverview />
          <section className="panel" aria-labelledby="results-h">
            <h2 id="results-h">Results</h2>
            <RunsTable />
          </section>
          <LiveCurves />
          <RunDetails />
          <DynamicsPanel />
        </div>
      </main>
    </div>
  );
}
