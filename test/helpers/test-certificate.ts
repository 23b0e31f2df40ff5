// Self-signed signing certificates made in the test (node-forge, no openssl): a PKCS#12 as an
// organisation would receive it from its CA, or a broken one (expired, no private key).
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificateOptions {
  commonName?: string;
  organization?: string;
  passphrase?: string;
  notBefore: Date;
  notAfter: Date;
  /** A PKCS#12 with the certificate only, as exported without its key. */
  withoutKey?: boolean;
}

export function makeTestP12(options: TestCertificateOptions): Buffer {
  return makeTestSigningCertificate(options).p12;
}

/** The PKCS#12 and the DER of its certificate, as the test made it (what a signature must name). */
export function makeTestSigningCertificate(options: TestCertificateOptions): {
  p12: Buffer;
  certificateDer: Buffer;
} {
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '0a1b2c3d';
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  // Vietnamese names as CAs write them: UTF8String (node-forge encodes the text itself).
  const utf8 = (value: string) => ({
    value,
    valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
  });
  const name = [
    { shortName: 'CN', ...utf8(options.commonName ?? 'Trung tâm Y tế Thuận An') },
    { shortName: 'O', ...utf8(options.organization ?? 'Sở Y tế Bình Dương') },
    { shortName: 'C', value: 'VN' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(options.withoutKey ? null : key, [cert], options.passphrase ?? '', {
    algorithm: '3des',
  });
  return {
    p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'),
    certificateDer: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'),
  };
}
