/**
 * Find in trace: the text box with "n of m" and previous/next, and the filter pills. The page
 * owns the state (URL); this reports what the user did.
 */
import { useState } from 'react';
import { usePendingValue } from '../../app/state/usePendingValue';
import { serviceColor } from '../../app/theme/serviceColor';
import type { TraceFilters } from './urlState';

interface FindBarProps {
  readonly inputRef: React.RefObject<HTMLInputElement | null>;
  readonly text: string;
  readonly onText: (text: string) => void;
  readonly filters: TraceFilters;
  readonly onFilters: (filters: TraceFilters) => void;
  /** Matches, or null when nothing is searched. */
  readonly count: number | null;
  /** Position of the current match in the matches (0-based), or -1. */
  readonly position: number;
  readonly onStep: (direction: 1 | -1) => void;
  readonly services: readonly string[];
  /** Threshold the slow pill starts with when turned on. */
  readonly suggestedSlowMs: number;
  /** Attribute matches are still coming from the backend (traces loaded without attributes). */
  readonly searching?: boolean;
  /** Why attribute matches could not be had (the count then covers the rest only). */
  readonly searchError?: string | null;
}

const sameFilters = (a: TraceFilters, b: TraceFilters) => JSON.stringify(a) === JSON.stringify(b);

export function FindBar({ inputRef, text: committedText, onText: requestText, filters: committedFilters, onFilters: requestFilters, count, position, onStep, services, suggestedSlowMs, searching = false, searchError = null }: FindBarProps) {
  // The URL holds find and the filters; the controls show a change before the URL has it.
  const [text, onText] = usePendingValue(committedText, requestText);
  const [filters, onFilters] = usePendingValue(committedFilters, requestFilters, sameFilters);
  const [slowDraft, setSlowDraft] = useState<string | null>(null);
  const slowValue = slowDraft ?? String(filters.slowerThanMs ?? suggestedSlowMs);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      // Esc in find clears it (and a second Esc leaves the box); the page's Esc closes details.
      event.preventDefault();
      if (text !== '') onText('');
      else event.currentTarget.blur();
    }
  };

  const commitSlow = (raw: string) => {
    const value = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(value) && value >= 0) onFilters({ ...filters, slowerThanMs: value });
    setSlowDraft(null);
  };

  const toggleService = (service: string) => {
    const has = filters.services.includes(service);
    onFilters({ ...filters, services: has ? filters.services.filter((s) => s !== service) : [...filters.services, service] });
  };

  const counted = count === null ? '' : count === 0 ? 'No matches' : `${position >= 0 ? position + 1 : 0} of ${count}`;
  const status = searching ? 'Searching…' : searchError !== null ? `${counted} (attributes not searched: ${searchError})` : counted;

  return (
    <div className="tp-find" role="search" aria-label="Find in trace">
      <div className="tp-find-box">
        <input
          ref={inputRef}
          type="search"
          aria-label="Find in trace"
          aria-keyshortcuts="/"
          placeholder="Find in trace: name, service, attribute, ID"
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {text === '' && (
          <kbd className="muted" aria-hidden="true">
            /
          </kbd>
        )}
      </div>
      <output className="tp-find-count" aria-live="polite" aria-label="Matches">
        {status}
      </output>
      <button type="button" className="tp-icon-button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={!count} onClick={() => onStep(-1)}>
        ↑
      </button>
      <button type="button" className="tp-icon-button" aria-label="Next match" title="Next match (Enter)" disabled={!count} onClick={() => onStep(1)}>
        ↓
      </button>
      <div className="tp-pills" role="group" aria-label="Filters">
        <button type="button" className="tp-pill" aria-pressed={filters.errorsOnly} onClick={() => onFilters({ ...filters, errorsOnly: !filters.errorsOnly })}>
          Errors only
        </button>
        <button type="button" className="tp-pill" aria-pressed={filters.criticalOnly} onClick={() => onFilters({ ...filters, criticalOnly: !filters.criticalOnly })}>
          On critical path
        </button>
        <span className="tp-pill-combo">
          <button
            type="button"
            className="tp-pill"
            aria-pressed={filters.slowerThanMs !== null}
            onClick={() => onFilters({ ...filters, slowerThanMs: filters.slowerThanMs === null ? Number(slowValue) || suggestedSlowMs : null })}
          >
            Slower than
          </button>
          <input
            type="number"
            min={0}
            step="any"
            className="tp-slow-input"
            aria-label="Slow span threshold in milliseconds"
            value={slowValue}
            onChange={(event) => setSlowDraft(event.target.value)}
            onBlur={(event) => commitSlow(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commitSlow(event.currentTarget.value);
            }}
          />
          <span className="muted">ms</span>
        </span>
        <details className="tp-pill-menu">
          <summary className="tp-pill" aria-pressed={filters.services.length > 0 ? 'true' : 'false'}>
            Services{filters.services.length > 0 ? ` (${filters.services.length})` : ''}
          </summary>
          <fieldset className="tp-menu">
            <legend className="sr-only">Only spans of these services</legend>
            {services.map((service) => (
              <label key={service} className="tp-menu-item">
                <input type="checkbox" checked={filters.services.includes(service)} onChange={() => toggleService(service)} />
                <span className="service-dot" style={{ background: serviceColor(service) }} aria-hidden="true" />
                {service}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
    </div>
  );
}
