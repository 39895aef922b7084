// What the /sdp page shows, computed in one pure step: each pasted text normalised (JSON,
// escapes, BOM, indentation, line endings: core/sdp/normalise), parsed with line numbers of the
// input, and the two compared (offer ↔ answer, or two versions). Runs in a Web Worker
// (inspect.worker.ts) and, where workers are unavailable, on the main thread (run-inspect.ts).
import {
	diffDescriptions,
	diffOfferAnswer,
	type DescriptionDiff,
	type OfferAnswerDiff
} from '$lib/core/sdp/diff';
import {
	normaliseSdpInput,
	numberFromInput,
	type SdpInputNote,
	type SdpType
} from '$lib/core/sdp/normalise';
import type { PermalinkContent } from '$lib/core/sdp/permalink';
import { parseSdp, type ParsedSdp } from '$lib/core/sdp/sdp';

export type Mode = PermalinkContent['mode'];

export interface InspectRequest {
	id: number;
	offer: string;
	answer: string;
	mode: Mode;
}

export interface InspectedSdp {
	parsed: ParsedSdp;
	/** How the pasted text was read (each step of normaliseSdpInput). */
	notes: SdpInputNote[];
	/** The `type` of a pasted `{"type":…,"sdp":…}`. */
	type?: SdpType;
	/** The SDP as parsed, after normalising (for the views' raw text). */
	text: string;
}

export interface Inspection {
	id: number;
	offer?: InspectedSdp;
	answer?: InspectedSdp;
	/** The first box held the answer and the second the offer: compared the other way round. */
	swapped: boolean;
	offerAnswer?: OfferAnswerDiff;
	versions?: DescriptionDiff;
}

export type InspectReply =
	| { id: number; ok: true; inspection: Inspection }
	| {
			id: number;
			ok: false;
			message: string;
	  };

function inspectOne(text: string): InspectedSdp | undefined {
	if (text.trim() === '') return undefined;
	const normalised = normaliseSdpInput(text);
	const parsed = numberFromInput(parseSdp(normalised.text), normalised.firstLine);
	return { parsed, notes: normalised.notes, type: normalised.type, text: normalised.text };
}

/**
 * A stateful inspector: while one box is being typed into, the other box's result is reused
 * (the same text gives the same description).
 */
export function createInspector(): (request: InspectRequest) => Inspection {
	const cache: Record<'offer' | 'answer', { text: string; result?: InspectedSdp } | undefined> = {
		offer: undefined,
		answer: undefined
	};
	const cached = (box: 'offer' | 'answer', text: string) => {
		const hit = cache[box];
		if (hit && hit.text === text) return hit.result;
		const result = inspectOne(text);
		cache[box] = { text, result };
		return result;
	};
	return ({ id, offer: offerText, answer: answerText, mode }) => {
		const offer = cached('offer', offerText);
		const answer = cached('answer', answerText);
		const inspection: Inspection = { id, offer, answer, swapped: false };
		if (!offer || !answer) return inspection;
		if (mode === 'answer') {
			inspection.swapped = offer.type === 'answer' && answer.type === 'offer';
			inspection.offerAnswer = inspection.swapped
				? diffOfferAnswer(answer.parsed, offer.parsed)
				: diffOfferAnswer(offer.parsed, answer.parsed);
		} else {
			inspection.versions = diffDescriptions(offer.parsed, answer.parsed);
		}
		return inspection;
	};
}
