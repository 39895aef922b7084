#!/usr/bin/env node
// A WebRTC peer without a browser (werift), joining a room of the lab's signaling server:
//
//   node scripts/node-peer.js --room class-3 [--url ws://127.0.0.1:3000/signal] [--no-echo]
//
// Open http://localhost:3000/remote/class-3 in a browser as the other side. Lines typed here are
// sent on the data channel; received messages are printed (and echoed back unless --no-echo).
// The peer is src/lib/server/node-peer.ts, compiled by scripts/build-server.js.

import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ensureServerBuild, nodePeerEntry } from './build-server.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const room = option('room', process.env.ROOM);
const url = option('url', `ws://127.0.0.1:${process.env.PORT ?? 3000}/signal`);
if (!room) {
	console.error(
		'Usage: node scripts/node-peer.js --room <id> [--url ws://host:port/signal] [--no-echo]'
	);
	process.exit(2);
}

ensureServerBuild();
const { startNodePeer } = await import(pathToFileURL(nodePeerEntry).href);
const peer = await startNodePeer({
	url,
	room,
	echo: !args.includes('--no-echo'),
	log: (line) => console.log(`· ${line}`)
}).catch((error) => {
	console.error(error.message);
	process.exit(1);
});
console.log(`Joined room ${room} as ${peer.role} (${peer.peerId}). Type a line to send it.`);

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
	try {
		peer.send(line);
	} catch (error) {
		console.error(error.message);
	}
});
const stop = async () => {
	input.close();
	await peer.close();
	process.exit(0);
};
input.on('close', stop);
process.on('SIGINT', stop);
