import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../domain/protocol';
import { inflateChanges } from '../../../renderer/sync/deflatedChanges';
import { ChangesMessage, deflateChanges, encodeChangesFromText } from '../../../server/changesMessage';
import { changesJson, keepDataText } from '../../../server/pipeline/changeText';

const appointment = {
  id: 'a-1',
  jobId: 'j-"1"',
  start: 1_765_000_000_000,
  notes: 'Ünïcode ✓ and "quotes"',
  gone: undefined,
};
const activity = { id: 'act_org.7.0', summary: 'Appointment rescheduled', offline: false, from: null };

/** Changes as the commit log makes them: their data's text kept as the store wrote it. */
function written(): Change[] {
  const changes: Change[] = [
    { kind: 'appointment', id: 'a-1', data: appointment, seq: 7 },
    { kind: 'activity', id: 'act_org.7.0', data: activity, seq: 7 },
  ];
  for (const change of changes) keepDataText(change, JSON.stringify(change.data));
  return changes;
}

describe('a changes broadcast encoded from the texts the store wrote', () => {
  const io = new Server();
  encodeChangesFromText(io);
  // Never attached to an HTTP server: only their encoders are used, and nothing is left open.
  const plain = new Server();

  it('is the JSON value JSON.stringify gives, with or without kept texts', () => {
    const changes = written();
    expect(JSON.parse(changesJson(changes))).toEqual(JSON.parse(JSON.stringify(changes)));
    // A change written without its text (a reference-data row) is serialized as before.
    const bare: Change = { kind: 'completeReason', id: 'r-1', data: { id: 'r-1', label: 'Fixed' }, seq: 8 };
    expect(JSON.parse(changesJson([...changes, bare]))).toEqual(JSON.parse(JSON.stringify([...changes, bare])));
    expect(changesJson([])).toBe('[]');
  });

  it('makes the packet the default encoder makes for { changes }', () => {
    const changes = written();
    const [ours] = io.encoder.encode({ type: 2, nsp: '/', data: ['changes', new ChangesMessage(changes)] }) as string[];
    const [theirs] = plain.encoder.encode({ type: 2, nsp: '/', data: ['changes', { changes }] }) as string[];
    expect(ours.slice(0, 1)).toBe(theirs.slice(0, 1));
    expect(JSON.parse(ours.slice(1))).toEqual(JSON.parse(theirs.slice(1)));
    // Another namespace keeps its prefix, as socket.io-parser writes it.
    const [other] = io.encoder.encode({ type: 2, nsp: '/admin', data: ['changes', new ChangesMessage(changes)] });
    expect(other).toMatch(/^2\/admin,\["changes",/);
  });

  it('leaves every other packet to the default encoder, and the message reads plainly anywhere else', () => {
    const packet = { type: 2, nsp: '/', data: ['hello', { head: 3 }] };
    expect(io.encoder.encode(packet)).toEqual(plain.encoder.encode(packet));
    const ack = { type: 3, nsp: '/', id: 4, data: [{ results: [] }] };
    expect(io.encoder.encode(ack)).toEqual(plain.encoder.encode(ack));
    const changes = written();
    expect(JSON.parse(JSON.stringify(new ChangesMessage(changes)))).toEqual(JSON.parse(JSON.stringify({ changes })));
    // The default encoder, given the message, writes the same packet through its toJSON.
    const [viaDefault] = plain.encoder.encode({ type: 2, nsp: '/', data: ['changes', new ChangesMessage(changes)] });
    const [ours] = io.encoder.encode({ type: 2, nsp: '/', data: ['changes', new ChangesMessage(changes)] });
    expect(JSON.parse((viaDefault as string).slice(1))).toEqual(JSON.parse((ours as string).slice(1)));
  });
});

describe('a changes broadcast deflated for the consoles that ask (changesDeflated)', () => {
  it('inflates, as the console does, to the changes a JSON broadcast carries', () => {
    const changes = written();
    expect(inflateChanges(deflateChanges(changes))).toEqual(JSON.parse(JSON.stringify(changes)));
    // As socket.io hands it to a browser: an ArrayBuffer.
    const bytes = deflateChanges(changes);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(inflateChanges(arrayBuffer)).toEqual(JSON.parse(JSON.stringify(changes)));
  });

  it('is a fraction of the JSON of a commit group of moves', () => {
    const group: Change[] = [];
    for (let index = 0; index < 80; index++) {
      group.push(
        { kind: 'appointment', id: `a-${index}`, seq: 100 + index, data: { ...appointment, id: `a-${index}` } },
        { kind: 'activity', id: `act_org.${100 + index}.0`, seq: 100 + index, data: { ...activity, id: `${index}` } },
      );
    }
    const json = JSON.stringify({ changes: group });
    expect(deflateChanges(group).byteLength).toBeLessThan(json.length / 5);
  });

  it('a payload that is not a deflated broadcast is dropped, not thrown', () => {
    expect(inflateChanges(new Uint8Array([1, 2, 3, 4]))).toBeUndefined();
    expect(inflateChanges('{"changes":[]}')).toBeUndefined();
    expect(inflateChanges(undefined)).toBeUndefined();
    const cut = deflateChanges(written());
    expect(inflateChanges(cut.subarray(0, cut.byteLength - 8))).toBeUndefined();
  });
});
