import { appStore } from '../../state/store';
import { useApp } from '../context';

export function Notice() {
  const notice = useApp((s) => s.notice);
  if (!notice) return null;
  return (
    <div
      className={`notice ${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span>{notice.text}</span>
      <button
        type="button"
        className="link"
        onClick={() => appStore.setState({ notice: undefined })}
        aria-label="Dismiss"
      >
        ×
      </button>
    </div>
  );
}
