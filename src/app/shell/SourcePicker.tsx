import { useSearchParams } from 'react-router';
import { useCurrentSource } from '../data/useSources';

/** Chooses the source every page reads; the choice lives in the URL as `source=`. */
export function SourcePicker() {
  const { list, info, name, unknown } = useCurrentSource();
  const [params, setParams] = useSearchParams();
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
        value={info?.name ?? name ?? ''}
        disabled={!list.data}
        onChange={(event) => {
          const next = new URLSearchParams(params);
          next.set('source', event.target.value);
          setParams(next);
        }}
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
