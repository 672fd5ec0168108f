import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { sendPubacks } from './mqtt-client';

/** The two things sendPubacks uses of mqtt.js's client: whether it is connected, and its socket. */
function fakeClient() {
  const written: Buffer[] = [];
  const client = Object.assign(new EventEmitter(), { connected: false, stream: { write: (bytes: Buffer) => void written.push(bytes) } });
  const reconnect = (sessionPresent: boolean) => {
    client.connected = true;
    client.emit('connect', { cmd: 'connack', sessionPresent });
  };
  return { client: client as unknown as MqttClient, written, reconnect };
}

/** The packet ids of the PUBACKs written, each checked to be a PUBACK of Success (0x40, length 2). */
function ids(bytes: Buffer[]): number[] {
  const all = Buffer.concat(bytes);
  const found: number[] = [];
  for (let at = 0; at < all.length; at += 4) {
    expect([all[at], all[at + 1]]).toEqual([0x40, 0x02]);
    found.push(all.readUInt16BE(at + 2));
  }
  return found;
}

describe('sendPubacks', () => {
  it('writes the PUBACKs of a batch as one buffer of 4-byte packets', () => {
    const { client, written, reconnect } = fakeClient();
    reconnect(true);
    sendPubacks(client, [1, 2, 65535]);
    expect(written).toHaveLength(1);
    expect(ids(written)).toEqual([1, 2, 65535]);
  });

  it('holds them while disconnected and sends them when the broker still has the session', () => {
    const { client, written, reconnect } = fakeClient();
    sendPubacks(client, [7, 8]);
    sendPubacks(client, [9]);
    expect(written).toEqual([]);
    reconnect(true);
    expect(ids(written)).toEqual([7, 8, 9]);
  });

  it('drops them when the broker lost the session: its new messages may reuse those packet ids', () => {
    const { client, written, reconnect } = fakeClient();
    sendPubacks(client, [7, 8]);
    reconnect(false);
    expect(written).toEqual([]);
    sendPubacks(client, [1]);
    expect(ids(written)).toEqual([1]);
  });
});
