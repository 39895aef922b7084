// The features a lesson's exercises may need (src/lib/core/lessons/features.ts), in the learner's
// language: the "coming soon" notice names what is missing in words, never as raw ids.

import type { FeatureId } from '$lib/core/lessons/features';
import type { Locale } from '$lib/core/locale';
import { m } from '$lib/i18n';

const FEATURE_NAMES: Record<FeatureId, () => string> = {
	turn: m.lesson_feature_turn,
	'nat-simulator': m.lesson_feature_nat_simulator,
	'stats-dashboard': m.lesson_feature_stats_dashboard,
	'device-picker': m.lesson_feature_device_picker,
	'data-channel-options': m.lesson_feature_data_channel_options,
	'file-transfer': m.lesson_feature_file_transfer,
	'media-recorder': m.lesson_feature_media_recorder,
	'music-sharing': m.lesson_feature_music_sharing,
	renegotiation: m.lesson_feature_renegotiation,
	'perfect-negotiation': m.lesson_feature_perfect_negotiation,
	certificates: m.lesson_feature_certificates
};

/** "sending a file over a data channel and recording with MediaRecorder" (或「…和…」). */
export const featureList = (features: readonly FeatureId[], lang: Locale): string =>
	new Intl.ListFormat(lang, { type: 'conjunction' }).format(
		features.map((feature) => FEATURE_NAMES[feature]())
	);
