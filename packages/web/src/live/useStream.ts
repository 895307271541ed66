/**
 * Connects the live store to the gateway's WebSocket for as long as the component is mounted,
 * subscribed to `topics`. When the connection drops, asks /api/health whether the gateway now
 * wants a token (a restart with a new token, an expired cookie) and reports that instead of
 * reconnecting forever.
 */
import { useEffect, useRef } from "react";
import { checkAuth } from "../login/login.js";
import type { LiveStore } from "../store/liveStore.js";
import { StreamClient } from "./streamClient.js";
import { streamUrl } from "./streamUrl.js";

export function useStream(store: LiveStore, topics: readonly string[], onAuthRequired: () => void): void {
  const clientRef = useRef<StreamClient | null>(null);
  const authRef = useRef(onAuthRequired);
  authRef.current = onAuthRequired;

  useEffect(() => {
    let checking = false;
    const client = new StreamClient({
      url: streamUrl(window.location),
      onMessage: (message) => {
        if (message.type === "error" && message.code === "UNAUTHORIZED") authRef.current();
        store.receive(message);
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

  useEffect(() => {
    clientRef.current?.setTopics(topics);
  }, [topics]);
}
