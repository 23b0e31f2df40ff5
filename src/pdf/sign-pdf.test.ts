// The PAdES signature as poppler's pdfsig reads it: valid on the bytes we made, invalid after one
// byte of the signed content changes; the signer's name and the Vietnamese reason survive.
import { describe, expect, it } from 'vitest';
import { makeTestP12 } from '../../test/helpers/test-certificate.js';
import { pdfSignatureReport, pdfText } from '../../test/helpers/pdf-inspect.js';
import { renderPdf } from './render-pdf.js';
import { renderSignedPdf, type PdfSignature } from './sign-pdf.js';

const now = new Date();
const day = 24 * 3600_000;
const p12 = makeTestP12({
  passphrase: 'mật-khẩu',
  notBefore: new Date(now.getTime() - day),
  notAfter: new Date(now.getTime() + 365 * day),
});
const signature: PdfSignature = {
  p12,
  passphrase: 'mật-khẩu',
  signerName: 'Lê Văn Tâm',
  reason: 'Ký ban hành văn bản',
  location: 'Trung tâm Y tế Thuận An',
  signingTime: now,
};
const doc = { content: ['GIÁM ĐỐC', '(Đã ký)', 'Lê Văn Tâm'] };

describe('renderSignedPdf', () => {
  it('signs the rendered letter so that pdfsig finds the signature valid and the text unchanged', async () => {
    const pdf = await renderSignedPdf(doc, signature);
    const report = await pdfSignatureReport(pdf);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Trung tâm Y tế Thuận An');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(pdf.includes(Buffer.from('/ByteRange [0 /**********'))).toBe(false);
    // The reason is a text string (UTF-16, byte order mark first), not a name.
    expect(pdf.includes(Buffer.from('/Reason (\xfe\xff', 'latin1'))).toBe(true);
    expect((await pdfText(pdf)).normalize('NFC')).toContain('Lê Văn Tâm');
  }, 30_000);

  it('a changed byte in the signed content makes the signature invalid', async () => {
    const pdf = await renderSignedPdf(doc, signature);
    const at = pdf.indexOf('/Producer');
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(pdf);
    tampered[at + 2] = tampered[at + 2]! ^ 0x01; // "/Producer" → "/Pqoducer": still a PDF
    const report = await pdfSignatureReport(tampered);
    expect(report).toContain('Signature Validation:');
    expect(report).not.toContain('Signature is Valid.');
  }, 30_000);

  it('without a signature the same document has none', async () => {
    const report = await pdfSignatureReport(await renderPdf(doc));
    expect(report).toMatch(/does not contain any signatures/);
  });

  it('a wrong passphrase fails instead of writing an unsigned file', async () => {
    await expect(renderSignedPdf(doc, { ...signature, passphrase: 'sai' })).rejects.toThrow();
  }, 30_000);
});
