// Long texts cut for channels with a per-message limit (Zalo, Messenger).
/**
 * Splits text into pieces of at most `limit` characters (code points), preferring a line break,
 * then a space. Empty text gives no piece.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = [...text];
  while (rest.length > limit) {
    const head = rest.slice(0, limit).join('');
    let cut = head.lastIndexOf('\n');
    if (cut < limit / 2) cut = head.lastIndexOf(' ');
    const cutAt = cut < limit / 2 ? limit : [...head.slice(0, cut)].length;
    pieces.push(rest.slice(0, cutAt).join('').trimEnd());
    rest = rest.slice(cutAt);
    if (rest[0] === '\n' || rest[0] === ' ') rest = rest.slice(1);
  }
  const tail = rest.join('');
  if (tail.trim() !== '') pieces.push(tail);
  return pieces.filter((p) => p !== '');
}
