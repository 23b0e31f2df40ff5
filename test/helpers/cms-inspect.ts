// Reads a signed PDF's signature as a PAdES validator does: the CMS in /Contents, the bytes the
// /ByteRange says are signed, and the signer's signed attributes by OID.
import forge from 'node-forge';

/** The signature's CMS (DER, without the placeholder's zero padding) and the bytes it signs. */
export function pdfSignatureParts(pdf: Buffer): { cms: Buffer; signedBytes: Buffer } {
  const range = /\/ByteRange \[\s*(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (!range) throw new Error('no /ByteRange');
  const [start1, length1, start2, length2] = range.slice(1).map(Number) as [number, number, number, number];
  // Between the two ranges: "<" hex ">".
  const contents = Buffer.from(pdf.subarray(start1 + length1 + 1, start2 - 1).toString('latin1'), 'hex');
  const lengthByte = contents[1]!;
  const lengthOctets = lengthByte & 0x80 ? lengthByte & 0x7f : 0;
  const length = lengthOctets ? contents.readUIntBE(2, lengthOctets) : lengthByte;
  return {
    cms: contents.subarray(0, 2 + lengthOctets + length),
    signedBytes: Buffer.concat([
      pdf.subarray(start1, start1 + length1),
      pdf.subarray(start2, start2 + length2),
    ]),
  };
}

export interface SignerView {
  /** Each signed attribute's (single) value, by attribute OID, in the order the CMS has them. */
  signedAttributes: Map<string, forge.asn1.Asn1>;
  /** The DER of the signed attributes, each in turn (DER sorts them). */
  signedAttributesDer: Buffer[];
  /** The certificates the CMS carries, as DER. */
  certificates: Buffer[];
}

const der = (node: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

/** The first signer of a CMS SignedData. */
export function cmsSigner(cms: Buffer): SignerView {
  const contentInfo = forge.asn1.fromDer(cms.toString('binary'));
  const [, explicit] = contentInfo.value as forge.asn1.Asn1[];
  const signedData = (explicit!.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
  const certificatesNode = signedData.find(
    (n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0,
  );
  const signerInfos = signedData[signedData.length - 1]!.value as forge.asn1.Asn1[];
  const signerInfo = signerInfos[0]!.value as forge.asn1.Asn1[];
  const attributesNode = signerInfo.find(
    (n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0,
  );
  const attributes = (attributesNode?.value ?? []) as forge.asn1.Asn1[];
  const signedAttributes = new Map<string, forge.asn1.Asn1>();
  for (const attribute of attributes) {
    const [type, values] = attribute.value as forge.asn1.Asn1[];
    signedAttributes.set(
      forge.asn1.derToOid(type!.value as string),
      (values!.value as forge.asn1.Asn1[])[0]!,
    );
  }
  return {
    signedAttributes,
    signedAttributesDer: attributes.map(der),
    certificates: ((certificatesNode?.value ?? []) as forge.asn1.Asn1[]).map(der),
  };
}
