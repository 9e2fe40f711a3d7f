import { useSearchParams } from 'react-router';
import { useCurrentSource } from '../data/useSources';
import { usePendingValue } from '../state/usePendingValue';

/** Chooses the source every page reads; the choice lives in the URL as `source=`. */
export function SourcePicker() {
  const { list, info, name, unknown } = useCurrentSource();
  const [params, setParams] = useSearchParams();
  // The choice lives in the URL; the box shows it before the URL has it (pendingValue.ts).
  const [shown, choose] = usePendingValue(info?.name ?? name ?? '', (source) => {
    const next = new URLSearchParams(params);
    next.set('source', source);
    setParams(next);
  });
  if (list.isError) {
    return (
      <span className="source-picker error-text" title={list.error instanceof Error ? list.error.message : ''}>
        Sources unavailable
      </span>
    );
  }
  const sources = list.data ?? [];
  return (
    <label className="source-picker">
      <span className="muted">Source</span>
      <select
        aria-label="Source"
        value={shown}
        disabled={!list.data}
        onChange={(event) => choose(event.target.value)}
      >
        {!list.data && <option value="">Loading…</option>}
        {unknown && name && <option value={name}>{name} (unknown)</option>}
        {sources.map((source) => (
          <option key={source.name} value={source.name}>
            {source.name} · {source.name === 'local' ? 'embedded' : source.kind}
          </option>
        ))}
      </select>
    </label>
  );
}
