import { Component, Suspense, type ReactNode } from 'react';
import { Notice } from '../ui/Notice';

interface LazyViewProps {
  what: string;
  children: ReactNode;
}

/** A lazily loaded part of the designer: a line while its code comes, and a clear message if it cannot. */
export function LazyView({ what, children }: LazyViewProps) {
  return (
    <LoadFailure what={what}>
      <Suspense fallback={<p className="muted lazy-loading">Loading the {what}…</p>}>{children}</Suspense>
    </LoadFailure>
  );
}

class LoadFailure extends Component<LazyViewProps, { problem?: string }> {
  override state: { problem?: string } = {};

  static getDerivedStateFromError(error: unknown) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.problem === undefined) return this.props.children;
    return (
      <div className="lazy-loading">
        <Notice tone="error">{`The ${this.props.what} could not be loaded (${this.state.problem}). Check the connection to the server and reload the page.`}</Notice>
      </div>
    );
  }
}
