// A real digital signature on a PDF: PAdES baseline B-B, SubFilter ETSI.CAdES.detached, a CAdES
// signature over the whole file but the signature itself. The signature field is added to the
// pdfkit document pdfmake lays out, before it is written, so no second PDF library parses our own
// output; @signpdf then fills the placeholder with the CMS from ./cades.ts, made with the key in
// the PKCS#12 (./pkcs12.ts: @signpdf/signer-p12 names the wrong issuer for a certificate with a
// Vietnamese UTF8String name). Decisions 0052 and 0060.
import { SignPdf } from '@signpdf/signpdf';
import {
  DEFAULT_BYTE_RANGE_PLACEHOLDER,
  SIG_FLAGS,
  Signer,
  SUBFILTER_ETSI_CADES_DETACHED,
} from '@signpdf/utils';
import { signCadesDetached } from './cades.js';
import { openPkcs12 } from './pkcs12.js';
import { renderPdf, type PdfKitDocument, type TDocumentDefinitions } from './render-pdf.js';

/**
 * Room for the CMS signature, in bytes: the signer's certificate, its chain up to the root and a
 * 4096-bit signature fit with room to spare (a national CA's chain is two or three certificates).
 */
const SIGNATURE_ROOM_BYTES = 16_384;

export interface PdfSignature {
  /** The PKCS#12 holding the private key and its certificate (and chain). */
  p12: Buffer;
  passphrase: string;
  /** Who signs (the person named in the printed signer block). */
  signerName: string;
  reason: string;
  /** Where: the organisation. */
  location: string;
  /** The claimed signing time: the dictionary's /M (PAdES keeps it out of the CMS). */
  signingTime: Date;
}

/** The parts of pdfkit's document a signature field needs (pdfkit keeps them unexported). */
interface PdfKitInternals {
  ref(data: Record<string, unknown>): PdfKitRef;
  initForm(): void;
  _acroform?: unknown;
  _root: { data: { AcroForm: PdfKitRef } };
  page: { dictionary: PdfKitRef; annotations: PdfKitRef[] };
}
interface PdfKitRef {
  data: Record<string, unknown> & { Fields?: PdfKitRef[] };
  end(): void;
}

/**
 * Adds an invisible signature field on the last page whose /Contents is a zero placeholder and
 * whose /ByteRange is the placeholder @signpdf looks for (the approach of
 * @signpdf/placeholder-pdfkit, which cannot be installed beside pdfmake's own pdfkit fork). Strings
 * are String objects so pdfkit writes them as PDF text strings (UTF-16 for Vietnamese), not names.
 */
function addSignatureField(doc: PdfKitDocument, s: PdfSignature): void {
  const pdf = doc as unknown as PdfKitInternals;
  const text = (v: string) => new String(v.normalize('NFC'));
  const placeholder = DEFAULT_BYTE_RANGE_PLACEHOLDER;
  const signature = pdf.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [0, placeholder, placeholder, placeholder],
    Contents: Buffer.alloc(SIGNATURE_ROOM_BYTES),
    Reason: text(s.reason),
    M: s.signingTime,
    Name: text(s.signerName),
    Location: text(s.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } },
  });
  if (!pdf._acroform) pdf.initForm();
  const form = pdf._root.data.AcroForm;
  const fields = form.data.Fields ?? [];
  form.data = {
    Type: 'AcroForm',
    SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY,
    Fields: fields,
    DR: form.data.DR,
  };
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signature,
    T: text(`Signature${fields.length + 1}`),
    P: pdf.page.dictionary,
  });
  pdf.page.annotations.push(widget);
  fields.push(widget);
  signature.end();
  widget.end();
}

/** @signpdf's signer over our PKCS#12 opening and CMS signature. */
class Pkcs12Signer extends Signer {
  constructor(private readonly signature: PdfSignature) {
    super();
  }

  override sign(pdf: Buffer): Promise<Buffer> {
    const opened = openPkcs12(this.signature.p12, this.signature.passphrase);
    return Promise.resolve(signCadesDetached(opened, pdf));
  }
}

/** Renders the document and signs it: the returned bytes are the signed file. */
export async function renderSignedPdf(doc: TDocumentDefinitions, signature: PdfSignature): Promise<Buffer> {
  const unsigned = await renderPdf(doc, { beforeEnd: (pdf) => addSignatureField(pdf, signature) });
  return new SignPdf().sign(unsigned, new Pkcs12Signer(signature), signature.signingTime);
}
