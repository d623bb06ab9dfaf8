import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel shows, for the message ("The compare view stopped: …"). */
  name: string;
  children: ReactNode;
}

/** A panel that throws while rendering shows what broke and a retry, and the rest of the app lives on. */
export class PanelBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for whoever opens the console; the panel itself says what happened.
    console.warn(`${this.props.name} view failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="panel panel-crashed" role="alert" data-testid="panel.crashed">
        <h2>The {this.props.name} view stopped</h2>
        <p className="error">{error.message || String(error)}</p>
        <p className="hint">Your runs and settings are untouched; the other views keep working.</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Show it again
        </button>
      </section>
    );
  }
}
