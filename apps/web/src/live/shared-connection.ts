import { openBrowserSocket, liveUrl } from './browser-socket';
import { LiveConnection } from './live-connection';

let shared: LiveConnection | undefined;

/** The tab's one live connection, opened when something first watches a pipeline. */
export function liveConnection(): LiveConnection {
  shared ??= new LiveConnection({ openSocket: openBrowserSocket(liveUrl()) });
  return shared;
}
