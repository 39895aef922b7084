// Examples for newcomers: real SDPs from the fixtures (loaded only when asked for) and one
// deliberately broken SDP that shows how problems are reported.
import type { PermalinkContent } from '$lib/core/sdp/permalink';

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
	label: string;
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
		label: 'Example: Chrome audio+video offer/answer',
		load: pair('chrome-audio-video-offer', 'chrome-audio-video-answer')
	},
	{
		label: 'Example: Chrome data channel offer/answer',
		load: pair('chrome-datachannel-offer', 'chrome-datachannel-answer')
	},
	{
		label: 'Example: ICE restart (two versions of an offer)',
		load: pair('chrome-datachannel-offer', 'chrome-ice-restart-offer', 'versions')
	},
	{ label: 'Example: Chrome simulcast offer', load: pair('chrome-simulcast-offer') },
	{ label: 'Example: Firefox offer', load: pair('firefox-offer') },
	{ label: 'Example: ICE-lite server answer', load: pair('ice-lite-server-answer') },
	{ label: 'Example: SIP gateway offer', load: pair('sip-gateway-audio-offer') },
	{
		label: 'Example: a broken SDP',
		load: async () => ({ offer: broken, answer: '', mode: 'answer' })
	}
];
