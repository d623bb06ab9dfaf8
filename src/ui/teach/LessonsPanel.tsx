import { useState } from 'react';
import { dataKeyOf } from '../../core/data/prepare';
import { getMethod } from '../../core/methods/registry';
import { defaultParams } from '../../core/methods/params';
import { appStore, setSpec } from '../../state/store';
import type { RunRecord } from '../../state/types';
import { useApp, useJobs } from '../context';
import { pct } from '../results/format';
import { LESSONS, type Lesson } from './lessons';

/** The runs each step of the open lesson produced (ids, by step). */
type StepRuns = (string | undefined)[];

function LessonView({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const jobs = useJobs();
  const [stepRuns, setStepRuns] = useState<StepRuns>([]);
  const [busy, setBusy] = useState(false);
  const runs = useApp((s) => s.runs);
  const ready = useApp((s) => s.data.status === 'ready' && s.data.summary?.key === dataKeyOf(s.spec));
  const done = stepRuns.map((id) => runs.find((r) => r.id === id && r.status === 'done'));
  const finished = lesson.steps.every((_, i) => done[i]);
  const next = lesson.steps.findIndex((_, i) => !done[i]);

  const runStep = async (i: number) => {
    const step = lesson.steps[i]!;
    const spec = appStore.getState().spec;
    const method = step.patch.method ?? spec.method;
    setSpec(appStore, {
      ...step.patch,
      method,
      params: { ...defaultParams(getMethod(method).params), ...(step.patch.params ?? {}) },
    });
    setBusy(true);
    try {
      const id = await (step.kind === 'full' ? jobs.trainFull() : jobs.runCoreset());
      if (id) setStepRuns((s) => Object.assign([...s], { [i]: id }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel lesson" aria-labelledby="lesson-h" data-testid="lesson.view">
      <div className="lesson-head">
        <h2 id="lesson-h">{lesson.title}</h2>
        <button type="button" className="small" onClick={onClose} data-testid="lesson.close">
          All lessons
        </button>
      </div>
      <p>{lesson.idea}</p>
      {!ready && (
        <p className="notice-inline" data-testid="lesson.loading">
          Loading the lesson’s data…
        </p>
      )}
      <ol className="lesson-steps">
        {lesson.steps.map((s, i) => {
          const r: RunRecord | undefined = done[i];
          return (
            <li key={s.label} className={r ? 'done' : i === next ? 'current' : undefined}>
              <button
                type="button"
                className={i === next ? 'primary' : undefined}
                disabled={!ready || busy}
                data-testid={`lesson.step.${i}`}
                onClick={() => void runStep(i)}
              >
                {r ? 'Run again: ' : ''}
                {s.label}
              </button>
              {r && (
                <span className="lesson-result" data-testid={`lesson.result.${i}`}>
                  {pct(r.metrics?.accuracy)} test accuracy · {r.size.toLocaleString('en')} samples
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <h3>Question</h3>
      <p>{lesson.question}</p>
      {finished ? (
        <p className="lesson-answer" role="status" data-testid="lesson.answer">
          {lesson.answer(done as RunRecord[])}
        </p>
      ) : (
        <p className="hint">Run every step; the answer is read from what your runs measure.</p>
      )}
    </section>
  );
}

/** Guided mode: a handful of short lessons that run the real methods on real data. */
export function LessonsPanel() {
  const [open, setOpen] = useState<Lesson>();
  if (open) return <LessonView key={open.id} lesson={open} onClose={() => setOpen(undefined)} />;
  return (
    <section className="panel" aria-labelledby="lessons-h" data-testid="lessons.list">
      <h2 id="lessons-h">Lessons</h2>
      <p className="hint">
        Each lesson loads its data, sets up its methods, and asks a question your own runs answer. A few
        seconds to a minute each.
      </p>
      <ul className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button
              type="button"
              className="row-link"
              data-testid={`lesson.open.${l.id}`}
              onClick={() => {
                setSpec(appStore, l.setup);
                setOpen(l);
              }}
            >
              {l.title}
            </button>
            <span className="hint">{l.idea.split('. ')[0]}.</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
