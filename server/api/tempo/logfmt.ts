/**
 * Tempo's `tags` search parameter is logfmt: `service.name=x http.url="a b"`. Returns the
 * key/value pairs or a message saying where the text stops making sense.
 */
export function parseLogfmt(text: string): { ok: true; pairs: { key: string; value: string }[] } | { ok: false; message: string } {
  const pairs: { key: string; value: string }[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  skipSpaces();
  while (i < text.length) {
    const keyStart = i;
    while (i < text.length && text[i] !== '=' && !/\s/.test(text[i] ?? '')) i++;
    const key = text.slice(keyStart, i);
    if (key === '') return { ok: false, message: `tags: expected a key at offset ${i}` };
    if (text[i] !== '=') return { ok: false, message: `tags: expected "=" after "${key}"` };
    i++;
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (text[i] !== '"') return { ok: false, message: `tags: unterminated quote in the value of "${key}"` };
      i++;
    } else {
      const valueStart = i;
      while (i < text.length && !/\s/.test(text[i] ?? '')) i++;
      value = text.slice(valueStart, i);
    }
    pairs.push({ key, value });
    skipSpaces();
  }
  return { ok: true, pairs };
}
