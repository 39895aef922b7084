// What scripts/start.js needs from the server TypeScript, compiled to build/signal/entry.js by
// scripts/build-server.js (a Vite SSR build; dependencies stay in node_modules).

export {
	SIGNAL_PATH,
	attachSignaling,
	createSignaling,
	isOriginAllowed,
	parseOriginList,
	type SignalingOptions,
	type SignalingServer
} from './signaling';
export {
	certificateInstructions,
	lanAddresses,
	lanInterfaces,
	lanUrls,
	loadOrCreateCertificate,
	terminalQr,
	type Certificate
} from './lan';
export {
	newTurnSecret,
	parseTurnProfile,
	startTurnServer,
	turnListeningIps,
	type TurnServer
} from './turn/index';
