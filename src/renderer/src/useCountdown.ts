import { useLayoutEffect, useMemo, useState } from 'react';

/**
 * When a wait of `seconds` ends, counted from the moment `source` (a view object from the bridge)
 * first arrived. A new object restarts the wait; a re-render with the same object does not.
 */
export function useDeadline(source: object | undefined, seconds: number | undefined): number | undefined {
  // Date.now() is read once per new source, which is what useMemo's dependency list gives us.
  return useMemo(
    () => (source === undefined || seconds === undefined || seconds <= 0 ? undefined : Date.now() + seconds * 1000),
    [source, seconds],
  );
}

/** Whole seconds left until `deadline` (0 when there is none or it has passed), updated as time goes by. */
export function useSecondsLeft(deadline: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  // A layout effect, so a new deadline is never painted against a stale clock.
  useLayoutEffect(() => {
    if (deadline === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}
