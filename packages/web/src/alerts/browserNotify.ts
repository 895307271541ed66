/**
 * Web Notifications for alerts that arrive on the `alerts` topic. Shown through the service
 * worker's registration when there is one (the only way on Android, and the notification then
 * opens the dashboard when clicked: public/sw.js), else with `new Notification`. The tag is the
 * alert's id, so the same alert shown by several open dashboards is one notification. A burst
 * (more than BURST_NOTIFICATIONS alerts at once) is one notification that counts them.
 */
import type { AlertNotice } from "@mexc-live/contract";

/** More alerts than this arriving together are shown as one notification. */
export const BURST_NOTIFICATIONS = 3;
/** Titles listed in a burst's notification. */
const BURST_TITLES = 5;
const NOTIFICATION_ICON = "/icons/icon-192.png";

export type PermissionState = NotificationPermission | "unsupported";

export function notificationPermission(): PermissionState {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks the browser (once the user clicked: browsers ignore a request without a gesture). */
export async function requestNotificationPermission(): Promise<PermissionState> {
  if (typeof Notification === "undefined") return "unsupported";
  if (Notification.permission !== "default") return Notification.permission;
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/** Shows `notices` as notifications when the user allowed them; does nothing otherwise. */
export async function showAlertNotifications(notices: readonly AlertNotice[]): Promise<void> {
  if (notices.length === 0 || notificationPermission() !== "granted") return;
  if (notices.length > BURST_NOTIFICATIONS) {
    const titles = notices.slice(-BURST_TITLES).map((notice) => notice.title);
    const more = notices.length - titles.length;
    const body = more > 0 ? `${titles.join("\n")}\nand ${more} more` : titles.join("\n");
    await show(`${notices.length} alerts`, { body, tag: "mexc-live-burst" });
    return;
  }
  for (const notice of notices) await show(notice.title, { body: notice.text, tag: notice.id });
}

async function show(title: string, options: { body: string; tag: string }): Promise<void> {
  const full: NotificationOptions = { ...options, icon: NOTIFICATION_ICON, data: { url: "/" } };
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    // A worker still installing cannot show notifications yet.
    if (registration?.active) {
      await registration.showNotification(title, full);
      return;
    }
  } catch {
    // No usable service worker: the page's own notification below.
  }
  try {
    new Notification(title, full);
  } catch {
    // Some browsers (Chrome on Android) allow notifications only through a service worker.
  }
}
