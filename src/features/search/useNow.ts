import { useEffect, useState } from 'react';

/** The clock, ticking every `intervalMs`, for "3 min ago" labels (render stays pure). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
