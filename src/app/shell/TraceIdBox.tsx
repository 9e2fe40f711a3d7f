import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { parseTraceInput } from '../lookup/parseTraceInput';
import { useSourceLink } from '../data/useSources';

/**
 * The lookup box: a trace ID, a traceparent header or a pasted link; Enter opens the trace.
 * `/` or Ctrl-K focuses it from anywhere (unless the user is typing in another field).
 */
export function TraceIdBox() {
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const link = useSourceLink();
  const messageId = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A page's own `/` (the trace page's find box) handled the key first.
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]') !== null && target !== null;
      if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = parseTraceInput(value);
    if (!parsed.ok) {
      setMessage(parsed.message);
      return;
    }
    setMessage(null);
    navigate(link(`/trace/${parsed.traceId}${parsed.spanId ? `?span=${parsed.spanId}` : ''}`));
  };

  return (
    <form className="trace-id-box" onSubmit={submit} role="search">
      <input
        ref={input}
        type="text"
        aria-label="Trace ID"
        placeholder="Trace ID or traceparent"
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={message !== null}
        aria-describedby={message ? messageId : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          if (message) setMessage(null);
        }}
      />
      <kbd className="muted" aria-hidden="true">/</kbd>
      {message && (
        <div id={messageId} role="alert" className="trace-id-message">
          {message}
        </div>
      )}
    </form>
  );
}
