import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TraceSource } from '../../sources/clients';
import {
  applyCompletion,
  attributeItems,
  combinatorItems,
  completionContext,
  enumValues,
  filterItems,
  operatorItems,
  valueItems,
  type CompletionItem,
} from './completion';
import type { QueryError } from './queryError';

interface TraceQLEditorProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Ctrl-Enter / the Run button. */
  readonly onRun: () => void;
  readonly error: QueryError | null;
  readonly client: TraceSource | undefined;
  readonly sourceName: string | null;
}

/**
 * A TraceQL text area with a completion list (attribute names, operators, the source's values
 * for the attribute before the cursor) and errors marked at their position. The list is an ARIA
 * listbox driven from the text area (aria-activedescendant), so focus never leaves the text.
 */
export function TraceQLEditor({ value, onChange, onRun, error, client, sourceName }: TraceQLEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const errorId = useId();
  const helpId = useId();

  const context = useMemo(() => (open ? completionContext(value, cursor) : null), [open, value, cursor]);
  const tagNames = useQuery({
    queryKey: ['tracescope', 'tagNames', sourceName],
    queryFn: ({ signal }) => client!.tagNames({ signal }),
    enabled: client !== undefined,
    staleTime: 60_000,
  });
  const valueTag = context?.kind === 'value' && context.tag && !enumValues(context.tag) ? context.tag : null;
  const tagValues = useQuery({
    queryKey: ['tracescope', 'tagValues', sourceName, valueTag],
    queryFn: ({ signal }) => client!.tagValues(valueTag!, { signal }),
    enabled: client !== undefined && valueTag !== null,
    staleTime: 60_000,
  });

  const items: CompletionItem[] = useMemo(() => {
    if (!context) return [];
    switch (context.kind) {
      case 'attribute':
        return filterItems(attributeItems(tagNames.data ?? []), context.prefix);
      case 'operator':
        return filterItems(operatorItems(), context.prefix);
      case 'value':
        return filterItems(valueItems(context.tag ?? '', tagValues.data ?? []), context.prefix);
      case 'combinator':
        return filterItems(combinatorItems(), context.prefix);
    }
  }, [context, tagNames.data, tagValues.data]);
  const showList = open && items.length > 0;
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));

  // Keep the caret where a completion left it (React resets selection on value change).
  const pendingCursor = useRef<number | null>(null);
  useEffect(() => {
    if (pendingCursor.current !== null && area.current) {
      area.current.setSelectionRange(pendingCursor.current, pendingCursor.current);
      pendingCursor.current = null;
    }
  }, [value]);

  const accept = (item: CompletionItem) => {
    if (!context) return;
    const next = applyCompletion(value, context, item);
    pendingCursor.current = next.cursor;
    setCursor(next.cursor);
    setActive(0);
    onChange(next.text);
    // Closing after a spanset ends; otherwise the next step's list (operators, values) opens.
    setOpen(item.insert !== '}');
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      setOpen(false);
      onRun();
      return;
    }
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      setOpen(true);
      return;
    }
    if (!showList) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const item = items[activeIndex];
      if (item) accept(item);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
    }
  };

  const describedBy = [helpId, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="traceql-editor">
      <label htmlFor={`${listId}-input`} className="field-label">
        TraceQL query
      </label>
      <div className="traceql-input-wrap">
        <textarea
          id={`${listId}-input`}
          ref={area}
          className="traceql-input mono"
          rows={4}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          placeholder='{ resource.service.name = "checkout" && status = error }'
          value={value}
          aria-autocomplete="list"
          aria-controls={listId}
          aria-expanded={showList}
          aria-activedescendant={showList ? `${listId}-opt-${activeIndex}` : undefined}
          aria-invalid={error !== null}
          aria-describedby={describedBy}
          onChange={(event) => {
            onChange(event.target.value);
            setCursor(event.target.selectionStart);
            setActive(0);
            setOpen(true);
          }}
          onSelect={(event) => setCursor(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label="TraceQL suggestions" className="completion-list" hidden={!showList}>
          {showList &&
            items.map((item, i) => (
              <li
                key={`${item.label}-${item.detail}`}
                id={`${listId}-opt-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                className={i === activeIndex ? 'active' : undefined}
                // mousedown, not click: the text area must keep focus (blur would close the list).
                onMouseDown={(event) => {
                  event.preventDefault();
                  accept(item);
                }}
              >
                <span className="mono">{item.label}</span>
                <span className="muted">{item.detail}</span>
              </li>
            ))}
        </ul>
      </div>
      <p id={helpId} className="muted field-help">
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs · <kbd>Ctrl</kbd>+<kbd>Space</kbd> suggests · ↑↓ and <kbd>Enter</kbd> pick
      </p>
      {error && <QueryErrorMarker text={value} error={error} id={errorId} />}
    </div>
  );
}

/** The query with the offending text highlighted, a caret under it and the message. */
function QueryErrorMarker({ text, error, id }: { text: string; error: QueryError; id: string }) {
  const lineStart = text.lastIndexOf('\n', Math.max(0, error.offset - 1)) + 1;
  const lineEndRaw = text.indexOf('\n', error.offset);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const line = text.slice(lineStart, lineEnd);
  const from = error.offset - lineStart;
  const to = Math.min(line.length, Math.max(from + 1, error.end - lineStart));
  return (
    <div className="query-error" id={id} role="alert">
      <pre className="query-error-line mono" aria-hidden="true">
        {line.slice(0, from)}
        <mark>{line.slice(from, to) || ' '}</mark>
        {line.slice(to)}
        {'\n'}
        {' '.repeat(from)}
        {'^'.repeat(Math.max(1, to - from))}
      </pre>
      <p className="error-text">
        {error.origin === 'server' ? 'The source rejected the query' : 'Query error'} at line {error.line}, column {error.column}: {error.message}
      </p>
    </div>
  );
}
