// IPv6 hosts. The same address has many spellings (`[0:0::1]`, `[::0001]`, upper-case hex, an
// embedded dotted quad), so the host is parsed into its eight 16-bit pieces and written back in the
// one form the WHATWG URL Standard serialises (RFC 5952: lower-case, no leading zeros, the longest
// run of zero pieces compressed). An IPv4-mapped address (::ffff:a.b.c.d) reaches the IPv4 host, so
// it is returned as that IPv4 address: `http://[::ffff:7f00:1]/` and `http://127.0.0.1/` are one link.

import { formatIPv4 } from "./ipv4";

const HEX_DIGIT = /^[0-9a-fA-F]$/;
const DIGIT = /^[0-9]$/;

/**
 * Eight pieces, or null when the text (without brackets) is not an IPv6 address. A port of the URL
 * Standard's IPv6 parser; zone identifiers (`%eth0`) are refused, as browsers refuse them.
 */
export function parseIPv6(text: string): number[] | null {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress: number | null = null;
  let pointer = 0;
  const at = (i: number) => text.charAt(i);

  if (at(pointer) === ":") {
    if (at(pointer + 1) !== ":") return null;
    pointer += 2;
    pieceIndex += 1;
    compress = pieceIndex;
  }
  while (pointer < text.length) {
    if (pieceIndex === 8) return null;
    if (at(pointer) === ":") {
      if (compress !== null) return null;
      pointer += 1;
      pieceIndex += 1;
      compress = pieceIndex;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && HEX_DIGIT.test(at(pointer))) {
      value = value * 16 + parseInt(at(pointer), 16);
      pointer += 1;
      length += 1;
    }
    if (at(pointer) === ".") {
      // An embedded IPv4 address fills the last two pieces; only strict dotted decimal is allowed.
      if (length === 0) return null;
      pointer -= length;
      if (pieceIndex > 6) return null;
      let numbersSeen = 0;
      while (pointer < text.length) {
        let ipv4Piece: number | null = null;
        if (numbersSeen > 0) {
          if (at(pointer) === "." && numbersSeen < 4) pointer += 1;
          else return null;
        }
        if (!DIGIT.test(at(pointer))) return null;
        while (DIGIT.test(at(pointer))) {
          const digit = Number(at(pointer));
          if (ipv4Piece === null) ipv4Piece = digit;
          else if (ipv4Piece === 0) return null;
          else ipv4Piece = ipv4Piece * 10 + digit;
          if (ipv4Piece > 255) return null;
          pointer += 1;
        }
        address[pieceIndex] = (address[pieceIndex] as number) * 0x100 + (ipv4Piece as number);
        numbersSeen += 1;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex += 1;
      }
      if (numbersSeen !== 4) return null;
      break;
    } else if (at(pointer) === ":") {
      pointer += 1;
      if (pointer >= text.length) return null;
    } else if (pointer < text.length) {
      return null;
    }
    address[pieceIndex] = value;
    pieceIndex += 1;
  }
  if (compress !== null) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const other = compress + swaps - 1;
      const tmp = address[other] as number;
      address[other] = address[pieceIndex] as number;
      address[pieceIndex] = tmp;
      pieceIndex -= 1;
      swaps -= 1;
    }
  } else if (pieceIndex !== 8) {
    return null;
  }
  return address;
}

/** RFC 5952 text without brackets: the first longest run of two or more zero pieces becomes `::`. */
export function formatIPv6(pieces: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (pieces[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && pieces[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = "";
  for (let i = 0; i < 8; i += 1) {
    if (i === bestStart) {
      out += i === 0 ? "::" : ":";
      i += bestLength - 1;
      continue;
    }
    out += (pieces[i] as number).toString(16);
    if (i < 7) out += ":";
  }
  return out;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:0:0/96), else null. */
export function mappedIPv4(pieces: readonly number[]): string | null {
  for (let i = 0; i < 5; i += 1) if (pieces[i] !== 0) return null;
  if (pieces[5] !== 0xffff) return null;
  const high = pieces[6] as number;
  const low = pieces[7] as number;
  return formatIPv4(((high << 16) | low) >>> 0);
}
