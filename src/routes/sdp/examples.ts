// Examples for newcomers: real SDPs from the fixtures (loaded only when asked for) and one
// deliberately broken SDP that shows how problems are reported.
import type { PermalinkContent } from '$lib/core/sdp/permalink';
import { m } from '$lib/i18n';

const fixtures = import.meta.glob<string>('/src/lib/core/sdp/fixtures/*.sdp', {
	query: '?raw',
	import: 'default'
});

async function load(name: string): Promise<string> {
	const loader = fixtures[`/src/lib/core/sdp/fixtures/${name}.sdp`];
	return loader ? loader() : '';
}

const broken = [
	'v=0',
	's=A broken SDP',
	'o=- 1 1 IN IP4 0.0.0.0',
	't=0 0',
	'a=group:BUNDLE 0 1',
	'a=rtpmap:111 opus/48000/2',
	'm=audio 9 UDP/TLS/RTP/SAVPF 111',
	'a=mid:0',
	'a=setup:maybe',
	'a=ice-lite',
	'this line has no equals sign',
	'a=x-custom-thing:42',
	'a=rtpm'
].join('\r\n');

export interface Example {
	id: string;
	/** The button's text, in the UI language (a message function, so it follows a switch). */
	label: () => string;
	load: () => Promise<PermalinkContent>;
}

const pair =
	(offer: string, answer?: string, mode: PermalinkContent['mode'] = 'answer') =>
	async (): Promise<PermalinkContent> => ({
		offer: await load(offer),
		answer: answer ? await load(answer) : '',
		mode
	});

export const examples: Example[] = [
	{
		id: 'chrome-av',
		label: m.sdp_example_chrome_av,
		load: pair('chrome-audio-video-offer', 'chrome-audio-video-answer')
	},
	{
		id: 'chrome-dc',
		label: m.sdp_example_chrome_dc,
		load: pair('chrome-datachannel-offer', 'chrome-datachannel-answer')
	},
	{
		id: 'ice-restart',
		label: m.sdp_example_ice_restart,
		load: pair('chrome-datachannel-offer', 'chrome-ice-restart-offer', 'versions')
	},
	{ id: 'simulcast', label: m.sdp_example_simulcast, load: pair('chrome-simulcast-offer') },
	{ id: 'firefox', label: m.sdp_example_firefox, load: pair('firefox-offer') },
	{ id: 'ice-lite', label: m.sdp_example_ice_lite, load: pair('ice-lite-server-answer') },
	{ id: 'sip', label: m.sdp_example_sip, load: pair('sip-gateway-audio-offer') },
	{
		id: 'broken',
		label: m.sdp_example_broken,
		load: async () => ({ offer: broken, answer: '', mode: 'answer' })
	}
];
