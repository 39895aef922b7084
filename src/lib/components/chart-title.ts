// A stats chart's title in the learner's language: the core names the track and the measure by
// id (chartTitle), this table words them (messages/*.json, statsTrack_* and statsMeasure_*); and
// the units that are words (packets/s), for its axis and caption.
import { m } from '$lib/i18n';
import {
	chartTitle,
	type ChartMeasure,
	type ChartTrack,
	type UnitNames
} from '$lib/core/stats/chart';
import type { DerivedSeries } from '$lib/core/stats/derived';

const trackText: Record<ChartTrack, () => string> = {
	audioSent: m.statsTrack_audioSent,
	audioReceived: m.statsTrack_audioReceived,
	videoSent: m.statsTrack_videoSent,
	videoReceived: m.statsTrack_videoReceived,
	mediaSent: m.statsTrack_mediaSent,
	mediaReceived: m.statsTrack_mediaReceived,
	audioSource: m.statsTrack_audioSource,
	videoSource: m.statsTrack_videoSource,
	mediaSource: m.statsTrack_mediaSource,
	pairSent: m.statsTrack_pairSent,
	pairReceived: m.statsTrack_pairReceived,
	pair: m.statsTrack_pair,
	dataSent: m.statsTrack_dataSent,
	dataReceived: m.statsTrack_dataReceived,
	other: m.statsTrack_other
};

const measureText: Record<ChartMeasure, () => string> = {
	bitrate: m.statsMeasure_bitrate,
	packetRate: m.statsMeasure_packetRate,
	packetLoss: m.statsMeasure_packetLoss,
	jitter: m.statsMeasure_jitter,
	rtt: m.statsMeasure_rtt,
	fps: m.statsMeasure_fps,
	frameWidth: m.statsMeasure_frameWidth,
	frameHeight: m.statsMeasure_frameHeight,
	audioLevel: m.statsMeasure_audioLevel,
	messageRate: m.statsMeasure_messageRate,
	byteRate: m.statsMeasure_byteRate,
	availableBitrate: m.statsMeasure_availableBitrate,
	rttRtcp: m.statsMeasure_rttRtcp,
	lossReported: m.statsMeasure_lossReported,
	jitterReported: m.statsMeasure_jitterReported,
	rttStun: m.statsMeasure_rttStun
};

/** "Video sent: bitrate", "发送的视频：码率". */
export function chartTitleText(
	series: Pick<DerivedSeries, 'reportType' | 'kind' | 'metric' | 'direction'>
): string {
	const { track, measure } = chartTitle(series);
	return m.statsChart_title({ track: trackText[track](), measure: measureText[measure]() });
}

/** The units written as words, in the UI language (symbols such as kbit/s and ms stay). */
export function unitNames(): UnitNames {
	return {
		'packets/s': m.st14_unit_packets(),
		'frames/s': m.st14_unit_frames(),
		'messages/s': m.st14_unit_messages()
	};
}
