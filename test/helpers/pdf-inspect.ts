// Reads a PDF as a person or a phone does: its text through pdftotext (poppler-utils), its first
// page as an image through pdftoppm, and the QR code on that image through jsQR.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQRImport from 'jsqr';
import { PNG } from 'pngjs';

const run = promisify(execFile);
// jsqr is CommonJS: depending on the loader its default import is the function or a namespace.
type JsQr = typeof jsQRImport.default;
const jsQR: JsQr = typeof jsQRImport === 'function' ? (jsQRImport as unknown as JsQr) : jsQRImport.default;

async function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ln-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Buffer): Promise<string> {
  return withPdfFile(pdf, async (file) => (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout);
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  });
}

/** Renders the first page at 150 dpi and decodes the QR code on it; undefined when none is found. */
export function decodeQrOfFirstPage(pdf: Buffer): Promise<string | undefined> {
  return withPdfFile(pdf, async (file, dir) => {
    await run('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(dir, 'page'),
    ]);
    const png = PNG.sync.read(await readFile(path.join(dir, 'page.png')));
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    return found?.data;
  });
}

/**
 * What `pdfsig` (poppler-utils) says of the PDF's signatures. pdfsig exits non-zero for a
 * signature it finds invalid: its report is what the caller checks, so it is returned either way.
 */
export function pdfSignatureReport(pdf: Buffer): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    try {
      return (await run('pdfsig', [file])).stdout;
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: string; stderr?: string };
      if (stdout === undefined) throw err;
      return `${stdout}${stderr ?? ''}`;
    }
  });
}
