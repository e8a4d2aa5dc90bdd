/**
 * Git's pkt-line framing and its side-band multiplexing, as the smart-HTTP protocol uses them
 * (gitprotocol-common, gitprotocol-pack). A pkt-line is four hex digits giving its length,
 * those four included, then the payload; `0000` (flush) ends a section, `0001` (delim) splits one
 * in protocol v2. Side-band packets carry one band byte before their data: 1 the pack or report,
 * 2 progress for the user, 3 a fatal error.
 */
import { StewardError } from '../../../shared/errors';

/** The longest pkt-line, its four length digits included (LARGE_PACKET_MAX in git). */
export const MAX_PKT_LENGTH = 65520;
const MAX_PAYLOAD = MAX_PKT_LENGTH - 4;

export const FLUSH = Buffer.from('0000', 'latin1');
export const DELIM = Buffer.from('0001', 'latin1');

export const pktLine = (payload: string | Buffer): Buffer => {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (data.length > MAX_PAYLOAD) {
    throw new StewardError('internal', `a pkt-line of ${data.length} bytes is over git's limit`);
  }
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
};

export const BAND = { data: 1, progress: 2, error: 3 } as const;
export type Band = (typeof BAND)[keyof typeof BAND];

/**
 * `data` as side-band-64k packets on `band`, split to fit git's packet limit. Empty data makes
 * one empty packet: on band 1, git's own keep-alive, which clients ignore.
 */
export const sideBand = (band: Band, data: string | Buffer): Buffer[] => {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const step = MAX_PAYLOAD - 1;
  const packets: Buffer[] = [];
  let at = 0;
  do {
    const chunk = bytes.subarray(at, at + step);
    packets.push(pktLine(Buffer.concat([Buffer.from([band]), chunk])));
    at += step;
  } while (at < bytes.length);
  return packets;
};

export type Pkt = { kind: 'data'; payload: Buffer } | { kind: 'flush' } | { kind: 'delim' };

const malformed = (detail: string): StewardError =>
  new StewardError('invalid-argument', `the request is not in git's pkt-line format: ${detail}`);

/**
 * Reads pkt-lines from a whole request body. `offset` is where the next packet starts, so that a
 * caller can take what follows the packets (a push's pack) as raw bytes.
 */
export class PktReader {
  offset = 0;

  constructor(private readonly body: Buffer) {}

  get done(): boolean {
    return this.offset >= this.body.length;
  }

  /** The next packet, or undefined at the end of the body. */
  next(): Pkt | undefined {
    if (this.done) return undefined;
    if (this.offset + 4 > this.body.length) throw malformed('it ends inside a length');
    const hex = this.body.toString('latin1', this.offset, this.offset + 4);
    if (!/^[0-9a-f]{4}$/i.test(hex)) throw malformed(`a length reads ${JSON.stringify(hex)}`);
    const length = parseInt(hex, 16);
    if (length === 0 || length === 1) {
      this.offset += 4;
      return { kind: length === 0 ? 'flush' : 'delim' };
    }
    if (length < 4) throw malformed(`a packet claims ${length} bytes`);
    if (this.offset + length > this.body.length) throw malformed('it ends inside a packet');
    const payload = this.body.subarray(this.offset + 4, this.offset + length);
    this.offset += length;
    return { kind: 'data', payload };
  }

  /** The next packet's payload as text without its trailing newline; undefined for a flush. */
  nextText(): string | undefined {
    const pkt = this.next();
    if (pkt === undefined) throw malformed('it ends before a flush');
    if (pkt.kind === 'delim') throw malformed('a delimiter packet in a protocol v0 request');
    if (pkt.kind === 'flush') return undefined;
    return pkt.payload.toString('utf8').replace(/\n$/, '');
  }
}
