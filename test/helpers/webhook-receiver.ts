// A local receiver of Lắng Nghe's event webhooks, as an organisation's portal would run one: it
// checks X-LangNghe-Signature over the raw body with the shared secret, records what it accepted
// (and the delivery ids, to see repeats), and can be taken down (503) to stand for an outage.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  delivery: string;
  type: string;
  signatureValid: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface WebhookReceiver {
  url: string;
  secret: string;
  /** Accepted calls (2xx answered), in arrival order. */
  accepted: ReceivedEvent[];
  /** Calls refused while down. */
  refusedCount(): number;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export function verifyLangNgheSignature(secret: string, header: string, rawBody: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const accepted: ReceivedEvent[] = [];
  let refused = 0;
  let down = false;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server = createServer((req, res) => {
    void read(req).then((raw) => {
      if (down) {
        refused++;
        res.writeHead(503).end();
        return;
      }
      const signatureValid = verifyLangNgheSignature(
        secret,
        String(req.headers['x-langnghe-signature'] ?? ''),
        raw,
      );
      if (!signatureValid) {
        res.writeHead(401).end();
        return;
      }
      accepted.push({
        delivery: String(req.headers['x-langnghe-delivery']),
        type: String(req.headers['x-langnghe-event']),
        signatureValid,
        body: JSON.parse(raw),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/langnghe`,
    secret,
    accepted,
    refusedCount: () => refused,
    setDown: (d) => void (down = d),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
