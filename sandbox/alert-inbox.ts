/**
 * The stand-in operator's alert inbox: where a demo configuration points its
 * webhook, so the demo shows alerts arriving at "the operator". The last
 * INBOX_SIZE messages, in memory, newest first.
 */
export const INBOX_SIZE = 50;

export type InboxMessage = { receivedAt: string; event: string | null; delivery: string | null; body: unknown };

export type AlertInbox = { receive(body: unknown, headers: Record<string, string | string[] | undefined>): InboxMessage; list(): InboxMessage[] };

export function createAlertInbox(clock: () => number): AlertInbox {
  const messages: InboxMessage[] = [];
  const header = (h: Record<string, string | string[] | undefined>, name: string) => {
    const v = h[name];
    return typeof v === "string" ? v : null;
  };
  return {
    receive(body, headers) {
      const m = { receivedAt: new Date(clock()).toISOString(), event: header(headers, "x-ledger-event"), delivery: header(headers, "x-ledger-delivery"), body };
      messages.unshift(m);
      messages.length = Math.min(messages.length, INBOX_SIZE);
      return m;
    },
    list: () => [...messages],
  };
}
