// docs/signaling.md is what outside peers are written from: every message it shows must be one
// the server accepts (client -> server) or sends (server -> client), and its example session must
// be possible in the order shown.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../core/signaling/protocol';

const doc = readFileSync(new URL('../../../docs/signaling.md', import.meta.url), 'utf8');

/** The JSON object that starts at `from` (brace matching that respects strings). */
function objectAt(text: string, from: number): string {
	let depth = 0;
	let inString = false;
	for (let i = from; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return text.slice(from, i + 1);
	}
	throw new Error(`unterminated JSON at ${text.slice(from, from + 40)}`);
}

const section = (heading: string) => {
	const start = doc.indexOf(heading);
	expect(start, heading).toBeGreaterThanOrEqual(0);
	const end = doc.indexOf('\n## ', start + heading.length);
	return doc.slice(start, end < 0 ? undefined : end);
};

/** Backticked `{"type":…}` cells of the table that follows `caption`. */
function tableMessages(caption: string): string[] {
	const from = doc.indexOf(caption);
	const table = doc.slice(from, doc.indexOf('\n\n', doc.indexOf('|', from)));
	return [...table.matchAll(/`(\{"type".*?\})`/g)].map((m) => m[1]!);
}

/** The example session as `{ who, direction, json }`, one per `Name > {…}` / `Name < {…}` line. */
function transcript() {
	const body = section('## A complete session');
	const open = body.indexOf('```text') + '```text'.length;
	const block = body.slice(open, body.indexOf('```', open));
	return block.split('\n').flatMap((line) => {
		const match = line.match(/^(\w+)\s+([<>]) \{/);
		if (!match) return [];
		return [{ who: match[1]!, direction: match[2]!, json: objectAt(line, line.indexOf('{')) }];
	});
}

describe('docs/signaling.md', () => {
	it('shows only client messages the server accepts', () => {
		const client = tableMessages('Client → server');
		expect(client.length).toBeGreaterThanOrEqual(6);
		for (const json of client) expect(parseClientMessage(json), json).toMatchObject({ ok: true });
	});

	it('shows only server messages the protocol defines', () => {
		const server = tableMessages('Server → client');
		expect(server.length).toBeGreaterThanOrEqual(5);
		for (const json of server) expect(parseServerMessage(json), json).not.toBeNull();
	});

	it('has an example session whose every line is valid, in an order that can happen', () => {
		const lines = transcript();
		expect(lines.length).toBeGreaterThan(15);
		const members = new Map<string, string>(); // name -> peerId
		for (const { who, direction, json } of lines) {
			if (direction === '>') {
				expect(parseClientMessage(json), `${who} > ${json}`).toMatchObject({ ok: true });
				continue;
			}
			const message = parseServerMessage(json);
			expect(message, `${who} < ${json}`).not.toBeNull();
			if (message?.type === 'joined') {
				expect(members.size, `${who} joined a full room`).toBeLessThan(2);
				members.set(who, message.peerId);
			}
			if (message?.type === 'peer-left')
				for (const [name, id] of members) if (id === message.peerId) members.delete(name);
			if (message?.type === 'error' && message.code === 'room-full')
				expect(members.size, `${who} was refused a room with a free seat`).toBe(2);
			if (message && 'from' in message)
				expect([...members.values()], `${who} got a message from outside the room`).toContain(
					message.from
				);
		}
	});
});
