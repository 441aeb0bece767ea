/**
 * The demo zone's 9810 exports: the cashmere exporter's overseas warehouses — Frankfurt on the China–Europe
 * rail route, approved by customs, and Moscow awaiting review — with a booking order of sweaters into
 * Frankfurt. Filed and reviewed through the real services, so every record is audited. Names are invented.
 */
import type { Platform } from '../compose.js';
import type { Principal } from '../platform/http/principal.js';
import { addDays } from '../modules/reference/index.js';

/** A one-page PDF (the lease or title deed a filer would scan), small and valid. */
export function demoProofPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 14 Tf 72 770 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 14 Tf 72 770 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const DEMO_OVERSEAS_WAREHOUSES = [
  {
    name: '赤峰草原羊绒法兰克福海外仓',
    country: '304',
    address: 'Hanauer Landstraße 300, 60314 Frankfurt am Main, Deutschland',
    areaSqm: '2400',
    operatorName: 'Yuanhang Overseas Warehouse GmbH（赤峰远航海外仓德国公司）',
    tenure: 'lease' as const,
    leaseYears: 3,
    proofTitle: 'Lease agreement Hanauer Landstrasse 300 Frankfurt',
    fileName: '法兰克福仓库租赁合同.pdf',
    outcome: 'approved' as const,
  },
  {
    name: '赤峰草原羊绒莫斯科海外仓',
    country: '344',
    address: 'Складская ул., 12, Москва, 109316, Россия',
    areaSqm: '1200.5',
    operatorName: 'OOO Yuanhang Logistika（赤峰远航海外仓俄罗斯公司）',
    tenure: 'own' as const,
    leaseYears: 0,
    proofTitle: 'Certificate of title Skladskaya 12 Moscow',
    fileName: '莫斯科仓库产权证明.pdf',
    outcome: 'pending' as const,
  },
];

export const DEMO_BOOKING = {
  bookingNo: 'DC-CF-2026-0001',
  /** 3: rail, the China–Europe train through Manzhouli. */
  transportMode: '3',
  shipInDays: 14,
  lines: [
    { itemNo: 'CF-M-001', itemName: '喀什米尔山羊绒手工起绒男套头衫', gcode: '6110120011', qty: '120', unit: '011', value: '153600.00' },
    { itemNo: 'CF-W-002', itemName: '喀什米尔山羊绒手工起绒女套头衫', gcode: '6110120021', qty: '80', unit: '011', value: '110400.00' },
  ],
};

/** Files the exporter's warehouses (one approved by customs, one pending) and a booking into the approved one. */
export async function loadDemoOverseas(platform: Platform, who: { exporter: Principal; customs: Principal; today: string }): Promise<{ warehouses: number; bookings: number }> {
  const { warehouses, bookings } = platform.overseas;
  let approvedId: string | null = null;
  for (const w of DEMO_OVERSEAS_WAREHOUSES) {
    const filed = await warehouses.file(who.exporter, {
      name: w.name,
      country: w.country,
      address: w.address,
      areaSqm: w.areaSqm,
      operatorName: w.operatorName,
      tenure: w.tenure,
      leaseEnds: w.tenure === 'lease' ? addDays(who.today, w.leaseYears * 365) : null,
      proof: { fileName: w.fileName, contentType: 'application/pdf', contentBase64: demoProofPdf(w.proofTitle).toString('base64') },
    });
    if (w.outcome === 'approved') {
      await warehouses.decide(who.customs, filed.id, 'approve', '租赁合同与仓库信息核验一致，同意备案');
      approvedId = filed.id;
    }
  }
  await bookings.file(who.exporter, { ...DEMO_BOOKING, warehouseId: approvedId!, plannedShipDate: addDays(who.today, DEMO_BOOKING.shipInDays) });
  return { warehouses: DEMO_OVERSEAS_WAREHOUSES.length, bookings: 1 };
}
