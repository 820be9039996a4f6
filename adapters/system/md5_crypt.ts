/**
 * MD5-crypt (`$1$salt$hash`, what PHP's `crypt()` makes for Vtiger's `MD5`
 * and `PHP5.3MD5` crypt types) in plain JavaScript over bytes.
 *
 * It computes what npm `apache-md5` computes for ASCII salts (the tests hold
 * it to the package; for others, see {@linkcode md5Crypt}), without the
 * package's 1,002 `node:crypto` hash objects per check: each of those left
 * native memory behind that the worker's garbage collector did not see, so
 * a burst of logins grew the password worker by about 100 MB of resident
 * memory (2,000 checks in one worker: +120 MB, against +25 MB here, 15 MB
 * of which is the worker itself).
 *
 * @module
 */

/** Per-round left rotations of MD5 (RFC 1321). */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** MD5's sine table (RFC 1321, T[1..64]), as signed 32-bit words. */
// deno-fmt-ignore
const SINES = Int32Array.from([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);

/** The alphabet of crypt's base-64. */
const CRYPT_64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The prefix of an MD5-crypt hash. */
const MAGIC = "$1$";

/** The state and buffers of one digest, reused: a digest is synchronous and never nested. */
const STATE = new Int32Array(4);
const WORDS = new Int32Array(16);
const TAIL = new Uint8Array(128);

/** One 64-byte block of `bytes` from `offset` into {@linkcode STATE}. */
function md5Block(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + i * 4;
    WORDS[i] = bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16 | bytes[at + 3] << 24;
  }
  let a = STATE[0], b = STATE[1], c = STATE[2], d = STATE[3];
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const sum = (a + f + SINES[i] + WORDS[g]) | 0;
    const shift = SHIFTS[(i >> 4) * 4 + (i & 3)];
    a = d;
    d = c;
    c = b;
    b = (b + (sum << shift | sum >>> (32 - shift))) | 0;
  }
  STATE[0] = (STATE[0] + a) | 0;
  STATE[1] = (STATE[1] + b) | 0;
  STATE[2] = (STATE[2] + c) | 0;
  STATE[3] = (STATE[3] + d) | 0;
}

/** The MD5 digest (16 bytes) of the first `length` bytes of `bytes`, written into `out`. */
function md5(bytes: Uint8Array, length: number, out: Uint8Array): void {
  STATE[0] = 0x67452301;
  STATE[1] = 0xefcdab89 | 0;
  STATE[2] = 0x98badcfe | 0;
  STATE[3] = 0x10325476;
  const whole = length - (length % 64);
  for (let offset = 0; offset < whole; offset += 64) md5Block(bytes, offset);
  // The tail, 0x80, zeros, and the length in bits (little-endian) fill one or two blocks.
  const tailLength = length % 64 < 56 ? 64 : 128;
  TAIL.fill(0);
  TAIL.set(bytes.subarray(whole, length));
  TAIL[length - whole] = 0x80;
  const bits = length * 8;
  for (let i = 0; i < 8; i++) TAIL[tailLength - 8 + i] = Math.floor(bits / 2 ** (8 * i)) & 0xff;
  for (let offset = 0; offset < tailLength; offset += 64) md5Block(TAIL, offset);
  for (let i = 0; i < 16; i++) out[i] = STATE[i >> 2] >>> ((i & 3) * 8) & 0xff;
}

/** Bytes appended one part after another into a buffer sized beforehand. */
class ByteWriter {
  readonly bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  add(part: Uint8Array, length = part.length): void {
    this.bytes.set(part.subarray(0, length), this.length);
    this.length += length;
  }
}

/** One zero byte. */
const ZERO = new Uint8Array(1);

/** Text as bytes: the salt as PHP's crypt() reads it from the stored (UTF-8) hash. */
const UTF8 = new TextEncoder();

/** {@linkcode MAGIC} as bytes, encoded once: every check hashes it. */
const MAGIC_BYTES = UTF8.encode(MAGIC);

/** `count` characters of crypt's base-64 for the low bits of `value`, least significant first. */
function to64(value: number, count: number): string {
  let text = "";
  for (let i = 0; i < count; i++, value >>= 6) text += CRYPT_64[value & 63];
  return text;
}

/**
 * The MD5-crypt of `password` (its bytes: PHP hashes a password's UTF-8
 * bytes) with the salt of `setting`, an MD5-crypt hash or setting
 * (`$1$salt$...`, `$1$salt`): what lies between its second and third `$`,
 * whole (PHP would cut it to 8 bytes), as its UTF-8 bytes. Vtiger's salt is
 * the user name's first two bytes, so a name that starts with `Ø` or `Д` has
 * a salt PHP hashed as two bytes (npm `apache-md5` took each character's low
 * byte instead: the same for ASCII only). Answers `$1$salt$` and 22 characters.
 */
export function md5Crypt(password: Uint8Array, setting: string): string {
  const salt = setting.split("$")[2] ?? "";
  const saltBytes = UTF8.encode(salt);
  const digest = new Uint8Array(16);

  const alternate = new ByteWriter(2 * password.length + saltBytes.length);
  alternate.add(password);
  alternate.add(saltBytes);
  alternate.add(password);
  md5(alternate.bytes, alternate.length, digest);

  // The loop over the length's bits adds one byte per bit: at most 32.
  const first = new ByteWriter(2 * password.length + MAGIC_BYTES.length + saltBytes.length + 32);
  first.add(password);
  first.add(MAGIC_BYTES);
  first.add(saltBytes);
  for (let left = password.length; left > 0; left -= 16) first.add(digest, Math.min(16, left));
  for (let i = password.length; i > 0; i >>= 1) {
    first.add(i & 1 ? ZERO : password, 1);
  }
  md5(first.bytes, first.length, digest);

  // 1,000 rounds, each of the last digest, the salt and the password in an order set by the round.
  const round = new ByteWriter(32 + saltBytes.length + 2 * password.length);
  for (let i = 0; i < 1000; i++) {
    round.length = 0;
    round.add(i % 2 ? password : digest);
    if (i % 3) round.add(saltBytes);
    if (i % 7) round.add(password);
    round.add(i % 2 ? digest : password);
    md5(round.bytes, round.length, digest);
  }

  const d = digest;
  return MAGIC + salt + "$" +
    to64(d[0] << 16 | d[6] << 8 | d[12], 4) + to64(d[1] << 16 | d[7] << 8 | d[13], 4) +
    to64(d[2] << 16 | d[8] << 8 | d[14], 4) + to64(d[3] << 16 | d[9] << 8 | d[15], 4) +
    to64(d[4] << 16 | d[10] << 8 | d[5], 4) + to64(d[11], 2);
}
