import type { OpenSocket } from './live-connection';

/** The WebSocket address of the server that served this page (`GET /api/ws`). */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`;
}

/** A browser WebSocket behind the connection's small socket interface. */
export const openBrowserSocket =
  (url: string): OpenSocket =>
  (events) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      // Refused before connecting (e.g. by a content policy): retried like a lost socket.
      setTimeout(() => events.close(), 0);
      return { send: () => undefined, close: () => undefined };
    }
    socket.onopen = () => events.open();
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') events.message(event.data);
    };
    // An error is always followed by close; close alone is reported.
    socket.onclose = () => events.close();
    return {
      send: (data) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(data);
      },
      close: () => {
        socket.onclose = null;
        socket.close();
      },
    };
  };
