import { useEffect, useRef } from 'preact/hooks';

/** Calls `tick` every `intervalMs` while `active`, never twice at once (a slow API is not piled up). */
export function usePolling(active: boolean, intervalMs: number, tick: () => Promise<void>): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const run = async () => {
      await latest.current().catch(() => undefined);
      if (!stopped) timer = setTimeout(run, intervalMs);
    };
    timer = setTimeout(run, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
