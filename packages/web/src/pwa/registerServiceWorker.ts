/**
 * Registers public/sw.js (served at /sw.js, so its scope is the whole dashboard) in production
 * builds only: a development server's pages are never held by a worker. The worker caches
 * nothing; it is what makes the dashboard installable and shows alerts as notifications.
 */
const SERVICE_WORKER_URL = "/sw.js";

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(SERVICE_WORKER_URL).catch(() => {
      // Not installable then, and notifications fall back to `new Notification`.
    });
  });
}
