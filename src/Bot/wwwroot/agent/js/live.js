// The console's real-time link: the SignalR hub at /api/agent/hub (vendor/signalr.js, installed by
// tools/signalr/install.sh), authenticated by the agent's token (sent as the access_token query on the WebSocket).
// Server → client: queueChanged(), activity(conversationId, activity), conversationChanged(conversationId, owner).
// Client → server: Watch(id, watermark), Unwatch(id), Typing(id). Reconnects by itself; after a reconnect the console re-watches
// its open conversation and refetches what it may have missed.
import { apiUrl } from './api.js';

/** SignalR's own log lines, quieter than its default: errors as errors, warnings as warnings, nothing else. */
const logger = Object.freeze({
  log(level, message) {
    const signalR = window.signalR;
    if (level >= signalR.LogLevel.Error) {
      console.error(`[signalr] ${message}`);
    } else if (level === signalR.LogLevel.Warning) {
      console.warn(`[signalr] ${message}`);
    }
  },
});

export const liveAvailable = () => typeof window.signalR?.HubConnectionBuilder === 'function';

/**
 * @param {() => string} token the agent's current token
 * @param {object} handlers queueChanged(), activity(id, activity), conversationChanged(id, owner),
 *   state(name: 'connecting'|'online'|'reconnecting'|'offline'), reconnected()
 */
export function createLive(token, handlers) {
  const signalR = window.signalR;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(apiUrl('agent/hub'), { accessTokenFactory: token })
    .withAutomaticReconnect([0, 2000, 5000, 10000, 20000, 30000])
    .configureLogging(logger)
    .build();

  connection.on('queueChanged', () => handlers.queueChanged());
  connection.on('activity', (conversationId, activity) => handlers.activity(conversationId, activity));
  connection.on('conversationChanged', (conversationId, owner) => handlers.conversationChanged(conversationId, owner));
  connection.onreconnecting(() => handlers.state('reconnecting'));
  connection.onreconnected(() => {
    handlers.state('online');
    handlers.reconnected();
  });

  let stopped = false;
  let retryTimer = 0;
  // Automatic reconnect gives up after its last delay (and never covers the first start): then keep trying slowly.
  connection.onclose(() => {
    if (!stopped) {
      handlers.state('offline');
      retryTimer = setTimeout(start, 15000);
    }
  });

  async function start() {
    if (stopped) {
      return;
    }
    handlers.state('connecting');
    try {
      await connection.start();
      handlers.state('online');
      handlers.reconnected();
    } catch {
      if (!stopped) {
        handlers.state('offline');
        retryTimer = setTimeout(start, 15000);
      }
    }
  }

  const online = () => connection.state === signalR.HubConnectionState.Connected;

  /** An invocation that is not worth an error when the link is down (it is repeated after a reconnect). */
  async function send(method, ...args) {
    if (online()) {
      try {
        await connection.invoke(method, ...args);
      } catch (error) {
        console.warn(`[signalr] ${method} failed`, error);
      }
    }
  }

  return {
    start,
    online,
    /** Activities after <watermark> (the last one the console has) come as activity(id, activity). */
    watch: (id, watermark) => send('Watch', id, Number.parseInt(watermark ?? '0', 10) || 0),
    unwatch: (id) => send('Unwatch', id),
    typing: (id) => send('Typing', id),
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await connection.stop().catch(() => {});
    },
  };
}
