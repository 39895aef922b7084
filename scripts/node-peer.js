#!/usr/bin/env node
// A WebRTC peer without a browser (werift), joining a room of the lab's signaling server:
//
//   node scripts/node-peer.js --room class-3 [--url ws://127.0.0.1:3000/signal] [--no-echo]
//   (also --room=class-3; --help lists the flags; a misspelt one is an error, exit code 2)
//
// Open http://localhost:3000/remote/class-3 in a browser as the other side. Lines typed here are
// sent on the data channel; received messages are printed (and echoed back unless --no-echo).
// The peer is src/lib/peers/node-peer.ts, compiled by scripts/build-server.js.

import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ensureServerBuild, nodePeerEntry } from './build-server.js';
import { nodePeerCommand, parseFlagsOrExit, usage } from './cli.js';

const flags = parseFlagsOrExit(nodePeerCommand, process.argv.slice(2));
const room = flags.room || process.env.ROOM;
const url = flags.url || `ws://127.0.0.1:${process.env.PORT ?? 3000}/signal`;
if (!room) {
	console.error(
		`${nodePeerCommand.name}: which room? Give --room <id>.\n\n${usage(nodePeerCommand)}`
	);
	process.exit(2);
}

ensureServerBuild();
const { startNodePeer } = await import(pathToFileURL(nodePeerEntry).href);
const peer = await startNodePeer({
	url,
	room,
	echo: flags['no-echo'] !== true,
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
