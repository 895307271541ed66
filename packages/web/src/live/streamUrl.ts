/** The gateway's WebSocket, relative to the page: same host, ws or wss as the page is http or https. */
export function streamUrl(location: { readonly protocol: string; readonly host: string }): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/stream`;
}
