// The one place PDFs are made (letters, slips, posters). pdfmake's bundled Roboto covers every
// Vietnamese glyph; text is normalised to NFC first so precomposed letters are used and a
// decomposed "ệ" never renders as a base letter plus a floating mark.
// pdfmake and its fonts are loaded by the first PDF, not at start: most processes never make one
// and they cost the app's process about 30 MB (decision 0077).
import type PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

let printer: Promise<PdfPrinter> | undefined;

// The server-side printer, with the Roboto files shipped in pdfmake's vfs bundle.
async function loadPrinter(): Promise<PdfPrinter> {
  const [{ default: Printer }, { default: vfs }] = await Promise.all([
    import('pdfmake'),
    import('pdfmake/build/vfs_fonts.js'),
  ]);
  const font = (file: string) => Buffer.from(vfs[file]!, 'base64');
  return new Printer({
    Roboto: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  });
}

/** Deep-copies the definition with every string normalised to NFC. */
export function normalizeDocument<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Buffer.isBuffer(value)) return value;
  // A Date (info.creationDate) is kept as it is: copied key by key it would lose its methods.
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => normalizeDocument(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeDocument(v);
    return out as T;
  }
  return value;
}

/** The pdfkit document pdfmake laid out, before it is written (a signature field is added then). */
export type PdfKitDocument = PDFKit.PDFDocument;

/**
 * Renders a pdfmake document definition to PDF bytes. `info.creationDate` is fixed by the caller
 * when the bytes must be reproducible (a stored letter re-rendered gives the same file).
 * `beforeEnd` may add objects to the laid-out document before it is written.
 */
export async function renderPdf(
  doc: TDocumentDefinitions,
  options: { beforeEnd?: (pdf: PdfKitDocument) => void } = {},
): Promise<Buffer> {
  printer ??= loadPrinter();
  const pdf = (await printer).createPdfKitDocument({
    defaultStyle: { font: 'Roboto' },
    ...normalizeDocument(doc),
  });
  options.beforeEnd?.(pdf);
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

export type { TDocumentDefinitions, Content } from 'pdfmake/interfaces.js';
