/** The trace page while the trace downloads: the final layout in skeleton, progress and Cancel. */
import { SkeletonRows } from '../../app/states/Skeleton';
import type { TraceProgress } from '../../sources/clients';
import { formatBytes } from './headerFigures';

function progressText(progress: TraceProgress | null): string {
  if (progress === null) return 'waiting for the source…';
  if (progress.phase === 'building') return `building ${progress.spans.toLocaleString('en-US')} spans…`;
  const total = progress.totalBytes;
  return total === undefined
    ? `${formatBytes(progress.bytes)} received…`
    : `${formatBytes(progress.bytes)} of ${formatBytes(total)} received (${Math.floor((progress.bytes / total) * 100)} %)…`;
}

interface TraceLoadingProps {
  readonly traceId: string;
  readonly sourceName: string | null;
  readonly progress: TraceProgress | null;
  readonly onCancel: () => void;
}

export function TraceLoading({ traceId, sourceName, progress, onCancel }: TraceLoadingProps) {
  const total = progress?.phase === 'receiving' ? progress.totalBytes : undefined;
  return (
    <div className="tp-page" aria-busy="true">
      <header className="tp-header">
        <div className="tp-title-row">
          <h1 className="tp-title">
            Trace <span className="mono">{traceId}</span>
          </h1>
        </div>
        <div className="tp-loading-line" role="status">
          <span>
            Loading from {sourceName ?? 'the default source'}: {progressText(progress)}
          </span>
          {progress?.phase === 'receiving' && total !== undefined && (
            <progress max={total} value={progress.bytes} aria-label="Download progress" />
          )}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <div className="tp-skeleton-figures" aria-hidden="true">
          {Array.from({ length: 6 }, (_, i) => (
            <span key={i} className="skeleton-row" />
          ))}
        </div>
      </header>
      <div className="tp-skeleton-minimap skeleton-row" aria-hidden="true" />
      <SkeletonRows rows={14} label="Loading trace" />
    </div>
  );
}
