/** The map's legend: edge width = calls, colour = error rate (with the bands in words). */
import type { ErrorBand } from './edgeStyle';
import { BAND_LABEL, MAX_WIDTH, MIN_WIDTH } from './edgeStyle';

export function MapLegend({ errorsKnown }: { errorsKnown: boolean }) {
  const bands: ErrorBand[] = errorsKnown ? ['ok', 'some', 'high'] : ['unknown'];
  return (
    <aside className="map-legend" aria-label="Legend">
      <div className="map-legend-row">
        <svg width="64" height="14" aria-hidden="true">
          <line x1="2" y1="4" x2="30" y2="4" className="map-edge band-unknown" strokeWidth={MIN_WIDTH} />
          <line x1="34" y1="7" x2="62" y2="7" className="map-edge band-unknown" strokeWidth={MAX_WIDTH} />
        </svg>
        <span>width = calls (log scale)</span>
      </div>
      {bands.map((band) => (
        <div key={band} className="map-legend-row">
          <svg width="64" height="10" aria-hidden="true">
            <line x1="2" y1="5" x2="62" y2="5" className={`map-edge band-${band}`} strokeWidth={3} />
          </svg>
          <span>{BAND_LABEL[band]}</span>
        </div>
      ))}
    </aside>
  );
}
