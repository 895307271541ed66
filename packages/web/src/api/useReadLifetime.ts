/**
 * What a reading hook holds for as long as its component lives: the controller its requests carry
 * and the timer of its next read. When the component goes, the timer is cleared and the requests
 * abort, so no answer lands on a component that is gone.
 */
import { useEffect, useRef } from "react";

export function useReadLifetime() {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => {
    controller.current = new AbortController();
    return () => {
      clearTimeout(timer.current);
      timer.current = undefined;
      controller.current?.abort();
    };
  }, []);
  return { timer, controller };
}
