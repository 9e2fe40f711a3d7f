/** The bar above the map: window, find a service, zoom controls, and where the figures come from. */
import { useState } from 'react';
import { usePendingValue } from '../../app/state/usePendingValue';
import type { ServiceGraphData } from '../../sources/clients/serviceGraph';
import type { GraphControls } from './GraphView';
import type { WindowId } from './mapWindow';
import { WINDOW_LABELS, WINDOWS } from './mapWindow';
import type { GraphModel } from './useServiceGraph';

interface ToolbarProps {
  readonly window: WindowId;
  readonly onWindow: (id: WindowId) => void;
  readonly model: GraphModel | undefined;
  readonly fetching: boolean;
  readonly onRefresh: () => void;
  readonly controls: React.RefObject<GraphControls | null>;
  /** Selects and reveals a service; false when there is none of that name. */
  readonly onFocusService: (name: string) => boolean;
}

export function basisText(data: ServiceGraphData): string {
  switch (data.basis) {
    case 'store':
      return 'exact, from the embedded store';
    case 'dependencies':
      return data.edges.some((e) => e.errorCount !== undefined) ? 'from the source’s dependency links' : 'from the source’s dependency links (calls only: no errors or latency)';
    case 'prometheus':
      return 'from Tempo service-graph metrics (Prometheus)';
    case 'sampled':
      return `derived from ${data.sampledTraces ?? 0} sampled traces`;
  }
}

export function MapToolbar({ window: committedWindow, onWindow, model, fetching, onRefresh, controls, onFocusService }: ToolbarProps) {
  // The window lives in the URL; the box shows a choice before the URL has it (pendingValue.ts).
  const [window, setWindow] = usePendingValue(committedWindow, onWindow);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const names = model?.layout.nodes.map((n) => n.name) ?? [];
  const find = (value: string) => {
    const wanted = value.trim();
    if (!wanted) return;
    const exact = names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    const partial = exact ?? names.find((n) => n.toLowerCase().includes(wanted.toLowerCase()));
    if (partial && onFocusService(partial)) setProblem('');
    else setProblem(`No service matches “${wanted}”`);
  };
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Service map controls">
      <label className="map-field">
        <span className="muted">Window</span>
        <select value={window} onChange={(e) => setWindow(e.target.value as WindowId)}>
          {WINDOWS.map((id) => (
            <option key={id} value={id}>
              {WINDOW_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <form
        className="map-find"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          find(text);
        }}
      >
        <input
          type="search"
          aria-label="Find a service"
          placeholder="Find a service…"
          list="map-service-names"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            // Picking from the list selects at once.
            if (names.includes(e.target.value)) find(e.target.value);
          }}
          aria-invalid={problem !== ''}
          aria-describedby={problem ? 'map-find-problem' : undefined}
        />
        <datalist id="map-service-names">
          {names.length <= 2000 && names.map((n) => <option key={n} value={n} />)}
        </datalist>
        {problem && (
          <span id="map-find-problem" className="error-text" role="status">
            {problem}
          </span>
        )}
      </form>
      <div className="map-zoom" role="group" aria-label="Zoom">
        <button type="button" onClick={() => controls.current?.zoomBy(0.8)} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
        <button type="button" onClick={() => controls.current?.zoomBy(1.25)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button type="button" onClick={() => controls.current?.fit()} title="Fit the whole map">
          Fit
        </button>
      </div>
      <button type="button" onClick={onRefresh} disabled={fetching}>
        {fetching ? 'Loading…' : 'Refresh'}
      </button>
      {model && (
        <span className="map-summary muted" role="status">
          {model.layout.nodes.length.toLocaleString('en-US')} services · {model.layout.edges.length.toLocaleString('en-US')} calls · {basisText(model.data)}
        </span>
      )}
    </div>
  );
}
