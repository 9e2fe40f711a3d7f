import { SourceError } from '../../sources/clients';
import './states.css';

interface ErrorStateProps {
  /** What failed, in the user's words ("Could not load the trace"). */
  readonly title: string;
  readonly error: unknown;
  readonly onRetry?: () => void;
  /** A next step besides retrying (a link or button), shown after the explanation. */
  readonly children?: React.ReactNode;
}

/**
 * A failed request explained: the source, the URL, the HTTP status and the server's message,
 * what it means, and a retry. Everything is rendered as text.
 */
export function ErrorState({ title, error, onRetry, children }: ErrorStateProps) {
  const detail = describeError(error);
  return (
    <div role="alert" className="error-state">
      <h2>{title}</h2>
      <dl className="error-facts">
        {detail.source && (
          <>
            <dt>Source</dt>
            <dd>{detail.source}</dd>
          </>
        )}
        {detail.url && (
          <>
            <dt>URL</dt>
            <dd className="mono">{detail.url}</dd>
          </>
        )}
        {detail.status !== undefined && (
          <>
            <dt>Status</dt>
            <dd>HTTP {detail.status}</dd>
          </>
        )}
        {detail.serverMessage && (
          <>
            <dt>Server said</dt>
            <dd className="mono">{detail.serverMessage}</dd>
          </>
        )}
      </dl>
      <p>{detail.meaning}</p>
      <div className="error-actions">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
        {children}
      </div>
    </div>
  );
}

export interface ErrorDetail {
  readonly source?: string;
  readonly url?: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly meaning: string;
}

export function describeError(error: unknown): ErrorDetail {
  if (error instanceof SourceError) {
    const base = {
      source: error.source,
      url: error.url,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.serverMessage ? { serverMessage: error.serverMessage } : {}),
    };
    switch (error.kind) {
      case 'unreachable':
        return { ...base, meaning: `The source could not be reached (${error.message.split(' — ').slice(1).join(' — ') || 'no answer'}). Check that it is running, then retry.` };
      case 'not-found':
        return { ...base, meaning: 'The source answered but does not have it in this time range.' };
      case 'http':
        return { ...base, meaning: 'The source answered with an error.' };
      case 'bad-response':
        return { ...base, meaning: `The answer could not be read: ${error.message}` };
      case 'aborted':
        return { ...base, meaning: 'The request was cancelled.' };
    }
  }
  return { meaning: error instanceof Error ? error.message : String(error) };
}
