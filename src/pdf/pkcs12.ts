// Opening a PKCS#12 (a CA-issued .p12/.pfx) with node-forge: its private key, the certificate that
// matches the key, and the chain. Vietnamese names are UTF8String: node-forge leaves their bytes
// undecoded when it parses a certificate (and would encode them a second time if it wrote the name
// again); they are decoded here once, so the names an administrator reads are the real text.
import forge from 'node-forge';

export type Pkcs12Problem = 'unreadable' | 'passphrase' | 'no_key' | 'no_certificate';

export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
  constructor(readonly problem: Pkcs12Problem) {
    super(`PKCS#12: ${problem}`);
  }
}

export interface OpenedPkcs12 {
  key: forge.pki.rsa.PrivateKey;
  /** The certificate whose public key matches the private key. */
  certificate: forge.pki.Certificate;
  /** Every certificate in the file (the signer's and its chain). */
  certificates: forge.pki.Certificate[];
}

// The two bag types a PKCS#12 keeps a private key in (encrypted, as CAs issue it, or plain).
const KEY_BAGS = [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!];
const UTF8 = forge.asn1.Type.UTF8 as number;

function decodeUtf8Names(cert: forge.pki.Certificate): void {
  for (const a of [...cert.subject.attributes, ...cert.issuer.attributes]) {
    if ((a.valueTagClass as number | undefined) === UTF8 && typeof a.value === 'string') {
      try {
        a.value = forge.util.decodeUtf8(a.value);
      } catch {
        // Not valid UTF-8 after all: left as it is.
      }
    }
  }
}

export function openPkcs12(p12: Buffer, passphrase: string): OpenedPkcs12 {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  } catch {
    throw new Pkcs12Error('unreadable');
  }
  let store: forge.pkcs12.Pkcs12Pfx;
  try {
    store = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (err) {
    const wrongPassphrase =
      err instanceof Error && /MAC could not be verified|Invalid password/i.test(err.message);
    throw new Pkcs12Error(wrongPassphrase ? 'passphrase' : 'unreadable');
  }
  const key = KEY_BAGS.flatMap((bagType) => store.getBags({ bagType })[bagType] ?? []).find((b) => b.key)
    ?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Pkcs12Error('no_key');
  const certBag = forge.pki.oids.certBag!;
  const certificates = (store.getBags({ bagType: certBag })[certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  certificates.forEach(decodeUtf8Names);
  const certificate = certificates.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey | undefined;
    return !!pub?.n && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!certificate) throw new Pkcs12Error('no_certificate');
  return { key, certificate, certificates };
}

/** A name attribute's text (a BMPString, UTF-16, is decoded here; UTF8String was on opening). */
export function nameAttributeText(a: forge.pki.CertificateField): string {
  const raw = String(a.value);
  if ((a.valueTagClass as number | undefined) === (forge.asn1.Type.BMPSTRING as number)) {
    return Buffer.from(raw, 'binary').swap16().toString('utf16le');
  }
  return raw;
}

/** "CN=…, O=…, C=VN". */
export function distinguishedName(attributes: forge.pki.CertificateField[]): string {
  return attributes.map((a) => `${a.shortName ?? a.name ?? a.type}=${nameAttributeText(a)}`).join(', ');
}

/**
 * The certificate's DER: node-forge keeps the TBSCertificate it parsed, so these are the bytes the
 * CA signed (what a fingerprint and the signing-certificate-v2 hash are computed over).
 */
export function certificateDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}
