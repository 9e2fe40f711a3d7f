/** Whole-trace latency histogram (log2 buckets); each bar links to the search for its duration range. */
import { Link } from 'react-router';
import { formatDuration } from '../../model/format';
import type { DashboardRange } from './dashboardWindow';
import type { HistogramBucket } from './histogram';
import { goDurationMs } from './links';
import { formatCount } from './tiles';

const count = new Intl.NumberFormat('en-US');
const dur = (ms: number) => formatDuration(ms * 1e6);

export function LatencyHistogram({ buckets, range, p99Ms, sourceLink }: { buckets: readonly HistogramBucket[]; range: DashboardRange; p99Ms: number | null; sourceLink: (path: string) => string }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const total = buckets.reduce((a, b) => a + b.count, 0);
  return (
    <div className="dash-hist">
      <ol className="dash-hist-bars" aria-label={`Trace latency histogram, ${count.format(total)} traces`}>
        {buckets.map((b) => {
          const label = `${dur(b.lowerMs)} – ${dur(b.upperMs)}: ${count.format(b.count)} traces`;
          const holdsP99 = p99Ms !== null && p99Ms > b.lowerMs && p99Ms <= b.upperMs;
          const params = new URLSearchParams([
            ['minDuration', goDurationMs(b.lowerMs)],
            ['maxDuration', goDurationMs(b.upperMs)],
            ['start', String(range.startMs * 1000)],
            ['end', String(range.endMs * 1000)],
          ]);
          return (
            <li key={b.upperMs} className={holdsP99 ? 'dash-hist-col dash-hist-p99' : 'dash-hist-col'}>
              <Link to={sourceLink(`/search?${params.toString()}`)} aria-label={`${label}${holdsP99 ? ' (holds the P99)' : ''}`} title={label}>
                <span className="dash-hist-bar" style={{ height: `${b.count === 0 ? 0 : Math.max(2, (b.count / max) * 88)}%` }}>
                  <span className="dash-hist-count" aria-hidden="true">
                    {b.count === 0 ? '' : formatCount(b.count)}
                  </span>
                </span>
              </Link>
              <span className="dash-hist-tick" aria-hidden="true">
                {dur(b.upperMs)}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="dash-caption muted">
        Traces by whole-trace duration (root start to last span end), buckets doubling in width; each bar shows traces up to its bound.
        {p99Ms !== null && ' The outlined bar holds the P99.'}
      </p>
    </div>
  );
}
