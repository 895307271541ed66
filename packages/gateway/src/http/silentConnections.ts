/**
 * When the app closes, drops the connections a client opened but never sent a byte on. Browsers
 * and fetch (undici) open such spare connections, e.g. right after a request is cancelled (a
 * closed /events stream); Node's server.close() reaps idle keep-alive connections only once they
 * have carried a request, so without this it waits until the client drops the spare one itself
 * (undici after its 4 s keep-alive timeout, a browser later still) and shutdown takes that long.
 * Connections with a request in progress are left to finish; upgraded ones belong to /stream.
 */
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";

export function closeSilentConnectionsOnClose(app: FastifyInstance): void {
  const sockets = new Set<Socket>();
  app.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  app.addHook("preClose", async () => {
    for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
  });
}
