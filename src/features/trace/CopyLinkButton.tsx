/** Copies the page's URL (which holds everything on screen) and says so visibly. */
import { useEffect, useState } from 'react';

export function CopyLinkButton({ unshareable }: { unshareable: boolean }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (status === null) return;
    const timer = setTimeout(() => setStatus(null), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = () => {
    const url = window.location.href;
    if (!navigator.clipboard) {
      setStatus({ ok: false, text: 'This browser blocks copying here: copy the address bar instead.' });
      return;
    }
    navigator.clipboard.writeText(url).then(
      () => setStatus({ ok: true, text: unshareable ? 'Link copied (it only opens where this file is opened)' : 'Link copied' }),
      () => setStatus({ ok: false, text: 'Copying was refused: copy the address bar instead.' }),
    );
  };

  return (
    <span className="tp-copy">
      <button type="button" onClick={copy} aria-describedby={unshareable ? 'tp-from-file' : undefined}>
        Copy link
      </button>
      <span role="status" className={status?.ok === false ? 'error-text' : 'tp-copied'}>
        {status?.text}
      </span>
    </span>
  );
}
