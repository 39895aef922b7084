// The features a lesson's exercises may need (lessons/README.md, "Feature ids"), and whether each
// exists in the lab today. A check or prediction that needs a missing one is "coming soon": it is
// shown, but it does not count towards completing the lesson. The page words each id by message
// (`lesson_feature_<id>`), never as the raw id.

export const FEATURES = {
	// Network presets with the lab's own STUN/TURN server (GET /api/ice-servers).
	turn: true,
	// The NAT model of src/lib/core/nat, at /nat and beside the NAT lesson.
	'nat-simulator': true,
	// Raw getStats() reports of every type in the lab's context, and live charts.
	'stats-dashboard': true,
	// The Camera and Microphone choices beside "Media source: devices" (getUserMedia by deviceId).
	'device-picker': true,
	// Extra channels with ordered / maxRetransmits / maxPacketLifeTime: the lab opens only "chat".
	'data-channel-options': false,
	// A file over a data channel with a progress bar.
	'file-transfer': false,
	// MediaRecorder and a download of what it recorded.
	'media-recorder': false,
	// An audio file played through an AudioContext into the call.
	'music-sharing': false,
	// Adding or removing a track on a connected call. (Media controls renegotiate codec and
	// direction changes today, but no track can be added to a data-channel call.)
	renegotiation: false,
	// Both peers offering at once (glare), resolved by the polite/impolite pattern.
	'perfect-negotiation': false,
	// Choosing the certificate algorithm (RTCPeerConnection.generateCertificate).
	certificates: false
} as const satisfies Record<string, boolean>;

export type FeatureId = keyof typeof FEATURES;

export const FEATURE_IDS = Object.keys(FEATURES) as [FeatureId, ...FeatureId[]];

/** Features that exist today; the rest are "coming soon". */
export const AVAILABLE_FEATURES: ReadonlySet<string> = new Set(
	FEATURE_IDS.filter((id) => FEATURES[id])
);

/** The features of `requires` that do not exist yet, in the order given. */
export const missingFeatures = (
	requires: readonly FeatureId[],
	features: ReadonlySet<string> = AVAILABLE_FEATURES
): FeatureId[] => requires.filter((feature) => !features.has(feature));
