import { useEffect } from 'react';
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
import { LessonsPanel } from './teach/LessonsPanel';
import { SwastPanel } from './swast/SwastPanel';
import { SslPanel } from './ssl/SslPanel';
import { ComparePanel } from './compare/ComparePanel';
import { PanelBoundary } from './workspace/PanelBoundary';
import { ResultStrip } from './workspace/ResultStrip';
import { WorkspaceTabs } from './workspace/WorkspaceTabs';
import { followRuns } from './workspace/viewStore';
import { appStore } from '../state/store';
import { useApp } from './context';

/**
 * A workspace: setup on the left (it scrolls on its own and never leaves the screen), the answer
 * to the last run in a strip on the right, and one view of the results at a time below it.
 */
export function App() {
  // The greedy step-through needs 2-D points: shown while the toy dataset is loaded.
  const toyLoaded = useApp((s) => s.data.summary?.points !== undefined);
  useEffect(() => followRuns(appStore), []);
  const b = (name: string, node: React.ReactNode) => <PanelBoundary name={name}>{node}</PanelBoundary>;
  return (
    <div className="app">
      <Header />
      <Notice />
      <main className="layout">
        <aside className="controls" aria-label="Setup">
          {b('data', <DatasetPanel />)}
          {b('model', <TrainingPanel />)}
          {b('signals', <SignalsPanel />)}
          {b('coreset', <MethodPanel />)}
        </aside>
        <div className="views">
          <ResultStrip />
          <WorkspaceTabs
            panels={{
              data: (
                <>
                  {b('data overview', <DataOverview />)}
                  {toyLoaded && b('step-through', <TeachPanel />)}
                </>
              ),
              runs: (
                <>
                  <section className="panel" aria-labelledby="results-h">
                    <h2 id="results-h">Results</h2>
                    {b('runs toolbar', <RunsToolbar />)}
                    {b('runs table', <RunsTable />)}
                    {b('robustness', <RobustnessChart />)}
                  </section>
                  {b('run details', <RunDetails />)}
                  {b('training curves', <LiveCurves />)}
                  {b('coreset diff', <CoresetDiff />)}
                </>
              ),
              compare: b('compare', <ComparePanel />),
              'in-training': (
                <>
                  {b('training dynamics', <DynamicsPanel />)}
                  {b('SWaST', <SwastPanel />)}
                  {b('semi-supervised', <SslPanel />)}
                </>
              ),
              lessons: b('lessons', <LessonsPanel />),
            }}
          />
        </div>
      </main>
    </div>
  );
}
