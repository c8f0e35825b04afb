// IPv4 hosts in every spelling a browser accepts. Browsers and inet_aton read `0x7f.1`,
// `017700000001` and `2130706433` all as 127.0.0.1, so a link written that way reaches the same
// machine as the dotted-quad form and must get the same canonical host. The rules are the WHATWG
// URL Standard's IPv4 parser, which is what Safe Browsing's "any legal IP-address encoding" means in
// practice.

const DECIMAL = /^[0-9]+$/;
const OCTAL = /^[0-7]+$/;
const HEX = /^[0-9a-f]*$/;

/**
 * True when the host's last label is a number (decimal, or `0x` hex). Such a host can only be an
 * IPv4 address: if it does not parse as one, it is not a host at all (no top-level domain is
 * numeric). The labels are lowercase, without empty labels.
 */
export function endsInNumber(labels: readonly string[]): boolean {
  const last = labels[labels.length - 1];
  if (last === undefined || last === "") return false;
  if (DECIMAL.test(last)) return true;
  return last.startsWith("0x") && HEX.test(last.slice(2));
}

/** One part: `0x` hex (possibly empty, meaning 0), a leading `0` for octal, else decimal. */
function parsePart(part: string): number | null {
  if (part === "") return null;
  let digits = part;
  let radix = 10;
  if (part.startsWith("0x")) {
    digits = part.slice(2);
    radix = 16;
    if (digits === "") return 0;
    if (!HEX.test(digits)) return null;
  } else if (part.length > 1 && part.startsWith("0")) {
    digits = part.slice(1);
    radix = 8;
    if (!OCTAL.test(digits)) return null;
  } else if (!DECIMAL.test(part)) {
    return null;
  }
  // Above 2^53 parseInt loses precision, but such a value is out of range anyway; only the
  // comparison with the limits below matters.
  return parseInt(digits, radix);
}

/**
 * The address as an unsigned 32-bit number, or null when the labels do not form an IPv4 address
 * (more than four parts, a part that is not a number, or a part out of range). With fewer than
 * four parts the last one fills the remaining bytes: `127.1` is 127.0.0.1.
 */
export function parseIPv4(labels: readonly string[]): number | null {
  if (labels.length === 0 || labels.length > 4) return null;
  const numbers: number[] = [];
  for (const label of labels) {
    const n = parsePart(label);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let address = last;
  numbers.forEach((n, i) => {
    address += n * 256 ** (3 - i);
  });
  return address;
}

export function formatIPv4(address: number): string {
  return `${(address >>> 24) & 255}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}
