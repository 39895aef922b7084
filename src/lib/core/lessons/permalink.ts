// Permalinks: the lesson, its language, the lab's configuration and the step to run to, all in
// the URL hash, so a teacher sends one link and the class opens the lab where the teacher was.
//
//   /lessons/offer-and-answer#lesson=offer-and-answer&lang=zh-CN&step=localOfferSet&network=all
//   /lab#step=connected&mode=media&trickle=0&network=relay-only
//
// The hash never reaches the server. Pure: parsing never throws, and drops whatever it does not
// recognise (a curious student's edits) instead of passing it on to the lab.

import { conditionById, NETWORK_CONDITIONS, type ConditionId } from '../ice/conditions';
import { isLocale, type Locale } from '../locale';

export interface LabLink {
	lesson?: string;
	lang?: Locale;
	/** The lab state to run to (a machine state name, e.g. `localOfferSet`). */
	step?: string;
	mode?: 'datachannel' | 'media';
	source?: 'synthetic' | 'devices';
	trickle?: boolean;
	network?: ConditionId;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const STATE = /^[a-zA-Z]{1,40}$/;
const NETWORKS: readonly string[] = NETWORK_CONDITIONS.map((condition) => condition.id);

/** Reads `#key=value&…` (with or without the leading `#`). */
export function parseLabLink(hash: string): LabLink {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	const link: LabLink = {};
	const lesson = params.get('lesson');
	if (lesson !== null && SLUG.test(lesson)) link.lesson = lesson;
	const lang = params.get('lang');
	if (isLocale(lang)) link.lang = lang;
	const step = params.get('step');
	if (step !== null && STATE.test(step)) link.step = step;
	const mode = params.get('mode');
	if (mode === 'datachannel' || mode === 'media') link.mode = mode;
	const source = params.get('source');
	if (source === 'synthetic' || source === 'devices') link.source = source;
	const trickle = params.get('trickle');
	if (trickle === '1' || trickle === '0') link.trickle = trickle === '1';
	const network = params.get('network');
	if (network !== null && NETWORKS.includes(network)) link.network = network as ConditionId;
	return link;
}

/** The hash for a link, keys in a fixed order so equal links are equal strings. */
export function formatLabLink(link: LabLink): string {
	const params = new URLSearchParams();
	if (link.lesson) params.set('lesson', link.lesson);
	if (link.lang) params.set('lang', link.lang);
	if (link.step) params.set('step', link.step);
	if (link.mode) params.set('mode', link.mode);
	if (link.source) params.set('source', link.source);
	if (link.trickle !== undefined) params.set('trickle', link.trickle ? '1' : '0');
	if (link.network) params.set('network', link.network);
	const text = params.toString();
	return text ? `#${text}` : '';
}

/** The lab configuration a link asks for (only the keys it names). */
export function linkConfig(link: LabLink): Partial<Pick<LabLink, 'mode' | 'source' | 'trickle' | 'network'>> {
	const config: Partial<Pick<LabLink, 'mode' | 'source' | 'trickle' | 'network'>> = {};
	if (link.mode) config.mode = link.mode;
	if (link.source) config.source = link.source;
	if (link.trickle !== undefined) config.trickle = link.trickle;
	if (link.network) config.network = link.network;
	return config;
}

/**
 * A permalink's run may start: its preset needs no STUN/TURN server, or the lab's servers have
 * arrived, or waiting for them is over (the run then goes on without them).
 */
export function permalinkRunReady(network: string, haveServers: boolean, waitOver: boolean): boolean {
	return conditionById(network).servers === 'none' || haveServers || waitOver;
}

/** The run a permalink started has reached its step, or ended before it: release its hold. */
export function permalinkStepReached(state: string, target: string): boolean {
	return state === target || ['connected', 'failed', 'closed'].includes(state);
}
