/**
 * Test kit (used by this module's tests only): a real HTTP receiver on 127.0.0.1 at a free port that records
 * every POST and answers what the test sets — a status, a redirect, or no answer at all.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookReceipt } from '../../src/modules/webhooks/ports.js';

export type Received = { headers: IncomingHttpHeaders; body: string; json: { enterpriseId: string; receipts: WebhookReceipt[] }; answered: number | 'none' };

export async function startReceiver() {
  const got: Received[] = [];
  let answer: number | 'none' = 200;
  let delayMs = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = answer;
      got.push({ headers: req.headers, body, json: JSON.parse(body) as Received['json'], answered });
      if (answered === 'none') return;
      setTimeout(() => {
        res.statusCode = answered;
        if (answered >= 300 && answered < 400) res.setHeader('location', 'http://127.0.0.1:9/elsewhere');
        res.end('ok');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cbec/receipts`,
    got,
    /** Cursors of the receipts in requests that were answered 2xx, in arrival order. */
    acknowledged: () => got.filter((r) => typeof r.answered === 'number' && r.answered < 300).flatMap((r) => r.json.receipts.map((x) => x.cursor)),
    answer(next: number | 'none', delay = 0) {
      answer = next;
      delayMs = delay;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
