import type { Conclusion } from '../swast/swastConclusion';

/** A result read out in sentences, with the warnings that qualify it. */
export function ConclusionNote({ conclusion, testId }: { conclusion: Conclusion; testId: string }) {
  if (!conclusion.sentences.length) return null;
  return (
    <div className="conclusion" data-testid={testId} role="status">
      <p>
        <b>What this shows: </b>
        {conclusion.sentences.join(' ')}
      </p>
      {conclusion.warnings.map((w) => (
        <p key={w} className="notice-inline" role="note">
          {w}
        </p>
      ))}
    </div>
  );
}
