/**
 * Connects the live store to the gateway's WebSocket for as long as the component is mounted,
 * subscribed to `topics`; every message goes to the store, and to `alsoTo` when given (the "All
 * accounts" summary's feed, fed by the same socket); each new `renew` list is subscribed again
 * (a fresh snapshot) where already subscribed. When the connection drops, asks /api/health whether the gateway now
 * wants a token (a restart with a new token, an expired cookie) and reports that instead of
 * reconnecting forever.
 */
import type { ServerMessage } from "@mexc-live/contract";
import { useEffect, useRef } from "react";
import { checkAuth } from "../login/login.js";
import type { LiveStore } from "../store/liveStore.js";
import { StreamClient } from "./streamClient.js";
import { streamUrl } from "./streamUrl.js";

export function useStream(
  store: LiveStore,
  topics: readonly string[],
  onAuthRequired: () => void,
  alsoTo?: (message: ServerMessage) => void,
  renew?: readonly string[],
): void {
  const clientRef = useRef<StreamClient | null>(null);
  const authRef = useRef(onAuthRequired);
  authRef.current = onAuthRequired;
  const alsoRef = useRef(alsoTo);
  alsoRef.current = alsoTo;

  useEffect(() => {
    let checking = false;
    const client = new StreamClient({
      url: streamUrl(window.location),
      onMessage: (message) => {
        if (message.type === "error" && message.code === "UNAUTHORIZED") authRef.current();
        store.receive(message);
        alsoRef.current?.(message);
      },
      onState: (state) => {
        store.setConnection(state);
        if (state !== "reconnecting" || checking) return;
        checking = true;
        checkAuth()
          .then((auth) => {
            if (auth === "required") {
              client.stop();
              authRef.current();
            }
          })
          .catch(() => {
            // The gateway is unreachable: keep reconnecting.
          })
          .finally(() => {
            checking = false;
          });
      },
    });
    clientRef.current = client;
    client.start();
    return () => {
      client.stop();
      clientRef.current = null;
    };
  }, [store]);

  // `renew` (a new list, not the same one again): its topics get a fresh snapshot (StreamClient.setTopics).
  const renewedRef = useRef<readonly string[] | undefined>(undefined);
  useEffect(() => {
    const fresh = renew !== renewedRef.current ? renew : undefined;
    renewedRef.current = renew;
    clientRef.current?.setTopics(topics, fresh);
  }, [topics, renew]);
}
