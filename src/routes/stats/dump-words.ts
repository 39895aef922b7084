// What went wrong with a dump, and what was noticed while reading it, in the learner's language:
// the core names a problem by id with where it is in the file (core/stats/dump.ts DumpProblem,
// DumpWarning); this page words it from messages/*.json when it draws it, so switching the
// language re-words an error already on screen.
import { m } from '$lib/i18n';
import type { DumpWarning, JsonKind } from '$lib/core/stats/dump';
import type { DumpFailure } from './dump-messages';

const jsonKind: Record<JsonKind, () => string> = {
	list: m.st14_json_list,
	null: m.st14_json_null,
	object: m.st14_json_object,
	string: m.st14_json_string,
	number: m.st14_json_number,
	boolean: m.st14_json_boolean,
	nothing: m.st14_json_nothing
};

/** A failure as a sentence, and `detail`: a parser's or browser's own words, shown as code. */
export interface FailureText {
	text: string;
	detail?: string;
}

export function failureText(failure: DumpFailure): FailureText {
	const internals = (reason: string) => m.st14_err_not_internals({ reason });
	const rtcstats = (reason: string) => m.st14_err_not_rtcstats({ reason });
	switch (failure.id) {
		case 'empty':
			return { text: m.st14_err_empty() };
		case 'notJson':
			return { text: internals(m.st14_err_notJson()), detail: failure.detail };
		case 'notObject':
			return { text: internals(m.st14_err_notObject({ found: jsonKind[failure.found]() })) };
		case 'noPeerConnections':
			return {
				text: internals(
					failure.keys.length > 0
						? m.st14_err_noPeerConnections({ keys: failure.keys.join(', ') })
						: m.st14_err_noPeerConnections_empty()
				)
			};
		case 'peerConnectionsNotObject':
			return {
				text: internals(m.st14_err_peerConnectionsNotObject({ found: jsonKind[failure.found]() }))
			};
		case 'connectionNotObject':
			return {
				text: internals(
					m.st14_err_connectionNotObject({
						connection: failure.connection,
						found: jsonKind[failure.found]()
					})
				)
			};
		case 'updateLogNotList':
			return {
				text: internals(
					m.st14_err_updateLogNotList({
						connection: failure.connection,
						found: jsonKind[failure.found]()
					})
				)
			};
		case 'eventWithoutType':
			return {
				text: internals(
					m.st14_err_eventWithoutType({ connection: failure.connection, index: failure.index })
				)
			};
		case 'statsNotObject':
			return {
				text: internals(
					m.st14_err_statsNotObject({
						connection: failure.connection,
						found: jsonKind[failure.found]()
					})
				)
			};
		case 'seriesNotObject':
			return {
				text: internals(
					m.st14_err_seriesNotObject({
						connection: failure.connection,
						key: failure.key,
						found: jsonKind[failure.found]()
					})
				)
			};
		case 'seriesValuesNotList':
			return {
				text: internals(
					m.st14_err_seriesValuesNotList({ connection: failure.connection, key: failure.key })
				)
			};
		case 'badGzip':
			return { text: m.stats_error_bad_gzip() };
		case 'rtcstatsHeader':
			return { text: m.stats_error_rtcstats_header({ line: failure.line }) };
		case 'rtcstatsNotJson':
		case 'rtcstatsNotList':
			return { text: m.stats_error_rtcstats_line({ line: failure.line }) };
		case 'rtcstatsStatsNotObject':
			return { text: rtcstats(m.st14_err_rtcstatsStatsNotObject({ line: failure.line })) };
		case 'rtcstatsReportNotObject':
			return {
				text: rtcstats(
					m.st14_err_rtcstatsReportNotObject({ line: failure.line, report: failure.report })
				)
			};
		case 'unexpected':
			return {
				text: m.st14_err_unexpected(),
				...(failure.detail ? { detail: failure.detail } : {})
			};
	}
}

export function warningText(warning: DumpWarning): string {
	switch (warning.id) {
		case 'noTimestamps':
			return m.st14_warn_noTimestamps({ connection: warning.connection });
		case 'rtcstatsFormat':
			return m.st14_warn_rtcstatsFormat({ found: warning.found });
	}
}
