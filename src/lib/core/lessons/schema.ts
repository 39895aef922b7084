/**
 * The lesson format (lessons/README.md) as valibot schemas: the course index.md, each lesson's
 * index.md, its language files, and the metadata a lesson ends up with once they are merged.
 * Every object is strict (an unknown key is an error: `tyep: relay` never passes silently) and
 * every enumerated value is a picklist (`type: rellay` fails instead of staying pending forever).
 * The TypeScript types of lessons (types.ts) are derived from these schemas.
 *
 * The names of the lab's states come from the lab's step table (src/lib/lab/steps.ts), which the
 * core may not import: the caller passes them in as a `LessonVocabulary`
 * (src/lib/lab/lesson-vocabulary.ts builds the site's).
 */

import * as v from 'valibot';
import { NETWORK_CONDITIONS } from '../ice/conditions';
import { dependences } from '../nat/model';
import { statsTypeOrder } from '../stats/reports';
import { FEATURE_IDS } from './features';
import { LOCALES } from '../locale';

/** The lab pages a lesson may sit beside. */
export const LESSON_PAGES = ['/lab', '/remote', '/sdp', '/nat'] as const;

/** The names of the lab's own states, which lesson files refer to. */
export interface LessonVocabulary {
	/**
	 * The states a prediction may be due before, per page whose machine holds its steps: the step
	 * that would enter that state waits for the answer. `start` (before the first action) is
	 * allowed on every page, and is the only value for pages without steps (/sdp, /nat).
	 */
	before: Record<'/lab' | '/remote', readonly string[]>;
	/** Every state of the lab machines, for `{ kind: machine, equals }`. */
	machineStates: readonly string[];
}

/** The value a prediction's `before` takes for "before the first action on the page". */
export const BEFORE_START = 'start';

// ---------------------------------------------------------------------------------------------
// Small pieces.

const text = v.pipe(
	v.string(),
	v.check((value) => value.trim() !== '', 'must not be empty')
);
const id = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)')
);
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
	v.pipe(v.number(), v.integer('must be an integer'), v.minValue(min), v.maxValue(max));
const count = integer(1);

/** Text in every language of the course (LOCALES): `{ en: "…", zh-CN: "…" }`. */
export const LocalizedSchema = v.strictObject(
	Object.fromEntries(LOCALES.map((locale) => [locale, text])) as Record<
		(typeof LOCALES)[number],
		typeof text
	>
);

const FeatureSchema = v.picklist(FEATURE_IDS);
const features = v.optional(v.array(FeatureSchema), []);

export const LabSchema = v.strictObject({
	page: v.picklist(LESSON_PAGES),
	mode: v.picklist(['datachannel', 'media']),
	source: v.picklist(['synthetic', 'devices']),
	trickle: v.boolean(),
	delayMs: integer(0, 2000),
	network: v.picklist(NETWORK_CONDITIONS.map((condition) => condition.id))
});

/** A check's `when`: the lab configuration it counts in (only these lab keys). */
const WhenSchema = v.optional(
	v.nullable(
		v.strictObject({
			mode: v.optional(LabSchema.entries.mode),
			source: v.optional(LabSchema.entries.source),
			trickle: v.optional(LabSchema.entries.trickle),
			network: v.optional(LabSchema.entries.network)
		})
	),
	null
);

// ---------------------------------------------------------------------------------------------
// Conditions: one strict object per `kind` (lessons/README.md, "Checks").

/** `A` and `B` on /lab, `you` on /remote. */
const peer = v.optional(v.picklist(['A', 'B', 'you']));
const media = v.picklist(['audio', 'video']);
const protocol = v.optional(v.picklist(['udp', 'tcp']));
const candidateType = v.optional(v.picklist(['host', 'srflx', 'prflx', 'relay']));
const dependence = v.optional(v.picklist(dependences));

/** The state names a `state` check reads, and the values each one takes (W3C WebRTC §4.3). */
export const PEER_STATES = {
	signalingState: [
		'stable',
		'have-local-offer',
		'have-remote-offer',
		'have-local-pranswer',
		'have-remote-pranswer',
		'closed'
	],
	iceGatheringState: ['new', 'gathering', 'complete'],
	iceConnectionState: [
		'new',
		'checking',
		'connected',
		'completed',
		'disconnected',
		'failed',
		'closed'
	],
	connectionState: ['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed'],
	dataChannelState: ['connecting', 'open', 'closing', 'closed']
} as const;

const stateCondition = <Name extends keyof typeof PEER_STATES>(name: Name) => {
	const value = v.picklist(PEER_STATES[name]);
	return v.strictObject({
		kind: v.literal('state'),
		peer,
		name: v.literal(name),
		equals: v.optional(value),
		seen: v.optional(value),
		seenInOrder: v.optional(v.pipe(v.array(value), v.minLength(2)))
	});
};

/** The signaling messages of docs/signaling.md, as a `signal` check names them. */
const SIGNAL_TYPES = [
	'join',
	'joined',
	'peer-joined',
	'offer',
	'answer',
	'candidate',
	'bye',
	'peer-left',
	'error'
] as const;

const conditionOptions = (vocabulary: LessonVocabulary) =>
	[
		// { kind: machine, equals: connected }
		v.strictObject({ kind: v.literal('machine'), equals: v.picklist(vocabulary.machineStates) }),
		// { kind: state, peer: A, name: signalingState, seenInOrder: [have-local-offer, stable] }
		v.variant('name', [
			stateCondition('signalingState'),
			stateCondition('iceGatheringState'),
			stateCondition('iceConnectionState'),
			stateCondition('connectionState'),
			stateCondition('dataChannelState')
		]),
		// { kind: candidateSeen, peer: A, type: host, address: mdns, protocol: udp, minCount: 1 }
		v.strictObject({
			kind: v.literal('candidateSeen'),
			peer,
			type: candidateType,
			address: v.optional(v.picklist(['ipv4', 'ipv6', 'mdns'])),
			protocol,
			minCount: v.optional(count),
			end: v.optional(v.literal(true))
		}),
		// { kind: selectedPair, localType: relay, remoteType: relay }
		v.strictObject({
			kind: v.literal('selectedPair'),
			peer,
			localType: candidateType,
			remoteType: candidateType,
			protocol
		}),
		// { kind: stat, peer: A, report: candidate-pair, field: currentRoundTripTime, min: 0 }
		v.strictObject({
			kind: v.literal('stat'),
			peer,
			report: v.picklist(statsTypeOrder),
			field: v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'must be a stats field name')),
			min: v.optional(v.number()),
			max: v.optional(v.number()),
			equals: v.optional(v.union([v.number(), text]))
		}),
		// { kind: iceCandidateError, errorCode: 401 } (STUN error codes, and 701 for no answer)
		v.strictObject({
			kind: v.literal('iceCandidateError'),
			peer,
			errorCode: v.optional(integer(300, 799))
		}),
		// { kind: dataChannelMessage, from: B, minCount: 1, contains: hello }
		v.strictObject({
			kind: v.literal('dataChannelMessage'),
			from: v.optional(v.picklist(['A', 'B'])),
			minCount: v.optional(count),
			contains: v.optional(text)
		}),
		// { kind: dataChannel, minCount: 1, ordered: false }
		v.strictObject({
			kind: v.literal('dataChannel'),
			minCount: count,
			ordered: v.optional(v.boolean()),
			maxRetransmits: v.optional(integer(0)),
			maxPacketLifeTime: v.optional(integer(0))
		}),
		// { kind: remoteTrack, peer: B, media: video, minCount: 1 }
		v.strictObject({
			kind: v.literal('remoteTrack'),
			peer: v.picklist(['A', 'B', 'you']),
			media,
			minCount: v.optional(count)
		}),
		// { kind: sdp, description: answer, contains: "a=setup:active" }
		v.strictObject({
			kind: v.literal('sdp'),
			description: v.picklist(['offer', 'answer']),
			contains: v.optional(text),
			lacks: v.optional(text)
		}),
		// { kind: historyVersions, reason: "ICE restart", min: 2 }
		v.strictObject({
			kind: v.literal('historyVersions'),
			min: v.optional(integer(0)),
			max: v.optional(integer(0)),
			reason: v.optional(text)
		}),
		// { kind: failed, cause: error, errorName: NotAllowedError }
		v.strictObject({
			kind: v.literal('failed'),
			cause: v.optional(v.picklist(['ice', 'error'])),
			errorName: v.optional(v.pipe(v.string(), v.regex(/^[A-Z][A-Za-z]*Error$/, 'must be a DOMException name')))
		}),
		// { kind: signal, direction: received, type: candidate, minCount: 2 } (/remote only)
		v.strictObject({
			kind: v.literal('signal'),
			direction: v.picklist(['sent', 'received']),
			type: v.picklist(SIGNAL_TYPES),
			code: v.optional(text),
			minCount: v.optional(count)
		}),
		// { kind: fileTransfer, minBytes: 100000 }
		v.strictObject({ kind: v.literal('fileTransfer'), minBytes: count }),
		// { kind: recording, minBytes: 50000, media: video }
		v.strictObject({ kind: v.literal('recording'), minBytes: count, media: v.optional(media) }),
		// { kind: natOutcome, result: failed, mappingA: address-and-port-dependent }
		v.strictObject({
			kind: v.literal('natOutcome'),
			result: v.picklist(['connected', 'failed']),
			via: v.optional(v.picklist(['direct', 'relay'])),
			mappingA: dependence,
			filteringA: dependence,
			mappingB: dependence,
			filteringB: dependence
		})
	] as const;

/** The fields of which a kind needs exactly one, or at least one. */
const ONE_OF: Record<string, { fields: readonly string[]; exactly: boolean }> = {
	state: { fields: ['equals', 'seen', 'seenInOrder'], exactly: true },
	stat: { fields: ['min', 'max', 'equals'], exactly: false },
	sdp: { fields: ['contains', 'lacks'], exactly: false }
};

// ---------------------------------------------------------------------------------------------
// The files.

/** A list of items with unique `id`s; a repeated id is named. */
function uniqueIds<T extends v.GenericSchema<unknown, { id: string }>>(item: T) {
	return v.pipe(
		v.array(item),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const seen = new Set<string>();
			for (const { id } of dataset.value) {
				if (seen.has(id)) addIssue({ message: `the id "${id}" is used twice` });
				seen.add(id);
			}
		})
	);
}

/** Every schema of the lesson format, with the lab's state names of `vocabulary`. */
export function lessonSchemas(vocabulary: LessonVocabulary) {
	const condition = v.pipe(
		v.variant('kind', conditionOptions(vocabulary)),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const rule = ONE_OF[dataset.value.kind];
			if (!rule) return;
			const fields: Record<string, unknown> = dataset.value;
			const given = rule.fields.filter((field) => fields[field] !== undefined);
			if (given.length === 0 || (rule.exactly && given.length > 1)) {
				addIssue({
					message: `a ${dataset.value.kind} condition needs ${rule.exactly ? 'exactly' : 'at least'} one of ${rule.fields.join(', ')}`
				});
			}
		})
	);

	const check = v.strictObject({
		id,
		description: LocalizedSchema,
		condition,
		when: WhenSchema,
		optional: v.optional(v.boolean(), false),
		requires: features
	});

	const allBefore = [
		...new Set([BEFORE_START, ...vocabulary.before['/lab'], ...vocabulary.before['/remote']])
	];
	const prediction = v.pipe(
		v.strictObject({
			id,
			before: v.picklist(allBefore),
			question: LocalizedSchema,
			choices: v.pipe(v.array(LocalizedSchema), v.minLength(2), v.maxLength(5)),
			answer: integer(0),
			explanation: LocalizedSchema,
			requires: features
		}),
		v.forward(
			v.check(({ answer, choices }) => answer < choices.length, 'is not one of the choices'),
			['answer']
		)
	);

	/** What a lesson's files may say besides their own keys; it flows down (lessons/README.md). */
	const inherited = {
		minutes: v.optional(integer(1, 600)),
		lab: v.optional(v.partial(LabSchema)),
		requires: v.optional(v.array(FeatureSchema)),
		see: v.optional(v.array(v.pipe(v.string(), v.regex(/^\/[a-z0-9/-]*$/, 'must be a site path')))),
		predictions: v.optional(uniqueIds(prediction)),
		checks: v.optional(uniqueIds(check))
	};

	/** The metadata a lesson ends up with, its files merged; `before` is checked against its page. */
	const lesson = v.pipe(
		v.strictObject({
			minutes: integer(1, 600),
			lab: LabSchema,
			requires: features,
			see: v.optional(inherited.see.wrapped, []),
			predictions: v.optional(inherited.predictions.wrapped, []),
			checks: v.optional(inherited.checks.wrapped, [])
		}),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const { lab, predictions } = dataset.value;
			const page = lab.page;
			const allowed: readonly string[] =
				page === '/lab' || page === '/remote'
					? [BEFORE_START, ...vocabulary.before[page]]
					: [BEFORE_START];
			predictions.forEach((item, index) => {
				if (allowed.includes(item.before)) return;
				addIssue({
					message: `"${item.before}" is not a state of ${page} (one of ${allowed.join(', ')})`,
					path: [
						{ type: 'object', origin: 'value', input: dataset.value, key: 'predictions', value: predictions },
						{ type: 'array', origin: 'value', input: predictions, key: index, value: item },
						{ type: 'object', origin: 'value', input: item, key: 'before', value: item.before }
					]
				});
			});
		})
	);

	return {
		condition,
		check,
		prediction,
		lesson,
		/** lessons/index.md: the course, and defaults for every lesson. */
		courseFile: v.strictObject({
			course: v.strictObject({
				title: LocalizedSchema,
				summary: LocalizedSchema,
				languages: v.pipe(v.array(v.picklist(LOCALES)), v.minLength(1)),
				defaultLanguage: v.optional(v.picklist(LOCALES), 'en')
			}),
			...inherited
		}),
		/** NN-slug/index.md: the lesson's own slug and order (never inherited), and metadata. */
		lessonFile: v.strictObject({
			slug: id,
			order: integer(1),
			...inherited
		}),
		/** NN-slug/<lang>.md: the title and summary in that language, and metadata overrides. */
		languageFile: v.strictObject({
			title: text,
			summary: text,
			...inherited
		})
	};
}

export type LessonSchemas = ReturnType<typeof lessonSchemas>;
