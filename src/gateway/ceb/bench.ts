/**
 * Codec throughput on one core: `npx tsx src/gateway/ceb/bench.ts [seconds-per-round]`.
 * Figures, never pass/fail (STYLE.md): the median of 5 rounds for each operation, on a CEB311 of about
 * 2.5 KB and a CEB621 with 3 lines, as text and as bytes (what an HTTP body arrives as).
 */
import { decodeXml, parseMessage, toXml, validateJson, validateXml, warmUp, type CebMessage } from './index.js';
import { anInventoryMessage, anOrderMessage, sampleItems } from './samples.js';

const roundMs = Number(process.argv[2] ?? '1') * 1000;

function rate(fn: () => unknown): number {
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < roundMs) {
      for (let i = 0; i < 200; i++) fn();
      n += 200;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    rounds.push((n * 1000) / elapsed);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

function xmlOf(m: CebMessage): string {
  const r = toXml(m);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.xml;
}

const t0 = performance.now();
warmUp();
console.log(`schemas compiled in ${(performance.now() - t0).toFixed(0)} ms (import + export, once per process)`);

// Two lines of the worked example make the ~2.5 KB order the figures are quoted for.
const order = anOrderMessage({ items: sampleItems().slice(0, 2) });
const list = anInventoryMessage();
for (const [label, message] of [
  ['CEB311', order],
  ['CEB621 (3 lines)', list],
] as const) {
  const xml = xmlOf(message);
  const bytes = Buffer.from(xml);
  console.log(`\n${label}: ${bytes.byteLength} bytes`);
  const rows: [string, () => unknown][] = [
    ['parseMessage (well-formed + JSON)', () => parseMessage(bytes)],
    ['validateXml (parse + XSD)', () => validateXml(bytes)],
    ['decodeXml (parse + XSD + JSON)', () => decodeXml(bytes)],
    ['decodeXml, text input', () => decodeXml(xml)],
    ['toXml (JSON -> XML)', () => toXml(message)],
    ['validateJson (JSON -> XML -> XSD -> JSON)', () => validateJson(message)],
  ];
  for (const [name, fn] of rows) {
    if (!(fn() as { ok: boolean }).ok) throw new Error(`${name} failed on the sample`);
    const r = rate(fn);
    console.log(`  ${name.padEnd(44)} ${Math.round(r).toLocaleString('en').padStart(8)} /s  ${(1e6 / r).toFixed(1).padStart(6)} µs`);
  }
}
