// Files people send through Zalo or Messenger sit on the platform's CDN behind a URL; the dialog's
// own limits decide what it keeps, this only refuses to read more than it may keep.
export async function downloadChannelFile(url: string, maxBytes: number): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new Error('file too large');
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error('file too large');
  return bytes;
}
