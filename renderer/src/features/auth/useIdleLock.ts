import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { apiQueryKey } from '../../components/apiQueries';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
const HEARTBEAT_MS = 60_000;

/**
 * Idle auto-lock, seen from the window: while the clerk works (even only typing, with no
 * calls), tell the main process once a minute; after `idleMinutes` without any activity, lock
 * at once so the screen is covered. The main process enforces the same limit on every call.
 */
export function useIdleLock(idleMinutes: number) {
  const queryClient = useQueryClient();
  const lastActivity = useRef(0);
  const lastBeat = useRef(0);
  useEffect(() => {
    lastActivity.current = Date.now();
    lastBeat.current = lastActivity.current;
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true });
    const timer = window.setInterval(async () => {
      const now = Date.now();
      if (now - lastActivity.current >= idleMinutes * 60_000) {
        await api.auth.lock().catch(() => undefined);
        await queryClient.invalidateQueries({ queryKey: apiQueryKey('auth.status') });
      } else if (lastActivity.current > lastBeat.current && now - lastBeat.current >= HEARTBEAT_MS) {
        lastBeat.current = now;
        await api.auth.heartbeat().catch(() => queryClient.invalidateQueries({ queryKey: apiQueryKey('auth.status') }));
      }
    }, 15_000);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity);
      window.clearInterval(timer);
    };
  }, [idleMinutes, queryClient]);
}
