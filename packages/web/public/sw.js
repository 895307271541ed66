/*
 * The dashboard's service worker: it makes the dashboard installable and shows alerts as
 * notifications (src/alerts/browserNotify.ts calls registration.showNotification). It caches
 * nothing and has no fetch handler: every request goes to the gateway, so the dashboard is never
 * served stale. Clicking a notification focuses an open dashboard, or opens one.
 */
self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(focusOrOpen());
});

async function focusOrOpen() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) return open.focus();
  return self.clients.openWindow("/");
}
