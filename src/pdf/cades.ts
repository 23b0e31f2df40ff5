// The CMS a PAdES signature carries under SubFilter ETSI.CAdES.detached (baseline B-B, ETSI
// EN 319 142-1 and EN 319 122-1): a detached SignedData whose signed attributes are content-type,
// message-digest and ESS signing-certificate-v2 (RFC 5035) — and no signing-time, because PAdES
// takes the claimed time from the signature dictionary's /M. Written with forge.asn1 because
// forge.pkcs7 only knows content-type, message-digest and signing-time and does not sort the
// attribute set as DER requires. Decision 0060.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { certificateDer, type OpenedPkcs12 } from './pkcs12.js';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

const UNIVERSAL = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;
const der = (node: Asn1) => asn1.toDer(node).getBytes();
const sequence = (...items: Asn1[]) => asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const oid = (id: string) => asn1.create(UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const integer = (n: number) =>
  asn1.create(UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const octets = (bytes: string) => asn1.create(UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const explicit = (tag: number, inner: Asn1) => asn1.create(CONTEXT, tag, true, [inner]);
const nullValue = () => asn1.create(UNIVERSAL, asn1.Type.NULL, false, '');

/** A DER SET OF: its elements in ascending order of their encodings (X.690 11.6). */
function setOf(items: Asn1[], tagClass = UNIVERSAL, tag: number = asn1.Type.SET): Asn1 {
  const sorted = items
    .map((node) => ({ node, bytes: Buffer.from(der(node), 'binary') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((e) => e.node);
  return asn1.create(tagClass, tag, true, sorted);
}

const attribute = (type: string, value: Asn1) => sequence(oid(type), setOf([value]));

/** SHA-256 without parameters, as RFC 5754 says to write it. */
const sha256Algorithm = () => sequence(oid(OID.sha256));

/**
 * The certificate's own issuer Name and serial INTEGER, as its bytes have them: a signature that
 * names its signer by a re-encoded issuer (another string type, a flattened multi-valued RDN)
 * names a certificate no verifier finds.
 */
function issuerAndSerial(der: Buffer): { issuer: Asn1; serial: Asn1 } {
  const certificate = asn1.fromDer(der.toString('binary'));
  const tbs = (certificate.value as Asn1[])[0]!.value as Asn1[];
  // TBSCertificate: [0] version (absent for v1), serialNumber, signature, issuer, …
  const at = tbs[0]!.tagClass === CONTEXT ? 1 : 0;
  return { serial: tbs[at]!, issuer: tbs[at + 2]! };
}

/**
 * The detached CAdES signature over the bytes: SHA-256 with RSA, the signer's certificate and the
 * chain in the PKCS#12, the signer named by issuer and serial.
 */
export function signCadesDetached(opened: OpenedPkcs12, bytes: Buffer): Buffer {
  const signerDer = certificateDer(opened.certificate);
  const { issuer, serial } = issuerAndSerial(signerDer);
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest().toString('binary');

  // ESSCertIDv2 without hashAlgorithm: SHA-256 is its DEFAULT, which DER leaves out.
  const essCertIdV2 = sequence(
    octets(sha256(signerDer)),
    sequence(sequence(explicit(4, issuer)), serial), // IssuerSerial: GeneralNames { directoryName }
  );
  const signedAttributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(bytes))),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2))),
  ];
  // Signed as a SET (tag 0x31); carried as [0] IMPLICIT with the same order and content.
  const md = forge.md.sha256.create();
  md.update(der(setOf(signedAttributes)));
  const signature = opened.key.sign(md);

  const signerInfo = sequence(
    integer(1),
    sequence(issuer, serial),
    sha256Algorithm(),
    setOf(signedAttributes, CONTEXT, 0),
    sequence(oid(OID.rsaEncryption), nullValue()),
    octets(signature),
  );
  const certificates = opened.certificates.map((c) => asn1.fromDer(certificateDer(c).toString('binary')));
  const signedData = sequence(
    integer(1),
    setOf([sha256Algorithm()]),
    sequence(oid(OID.data)), // detached: the content type without the content
    asn1.create(CONTEXT, 0, true, certificates),
    setOf([signerInfo]),
  );
  return Buffer.from(der(sequence(oid(OID.signedData), explicit(0, signedData))), 'binary');
}
