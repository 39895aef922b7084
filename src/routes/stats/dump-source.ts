// The work behind the /stats page, wherever it runs (its worker, or the page itself where there
// are no workers): open a file, then hand out one connection's view at a time, and write the
// anonymised export. Keeps the parsed dump between calls.
import { anonymiseDump } from '$lib/core/stats/anonymise';
import { DumpError, importDumpSteps, serialiseDump, type StatsDump } from '$lib/core/stats/dump';
import {
	connectionView,
	dumpSummary,
	type ConnectionView,
	type DumpSummary
} from '$lib/core/stats/dump-view';
import type { DumpFailure, DumpProgress } from './dump-messages';
import { readDumpText } from './read-dump';

export function failureOf(error: unknown): DumpFailure {
	if (error instanceof DumpError) return error.problem;
	const detail = error instanceof Error ? error.message : String(error);
	return { id: 'unexpected', detail };
}

export class DumpSource {
	#dumps = new Map<number, StatsDump>();

	/** Reads and parses `file`; `pause` runs between steps (the main-thread fallback yields there). */
	async open(
		key: number,
		file: Blob,
		onProgress: (progress: DumpProgress) => void,
		pause: () => Promise<void> = async () => {}
	): Promise<DumpSummary> {
		const { text, compressed } = await readDumpText(file, (p) =>
			onProgress({ stage: 'reading', ...p })
		);
		onProgress({ stage: 'parsing', fraction: 0, bytes: text.length });
		const steps = importDumpSteps(text);
		let dump: StatsDump;
		for (;;) {
			const step = steps.next();
			if (step.done) {
				dump = step.value;
				break;
			}
			onProgress({ stage: 'parsing', fraction: step.value.fraction, bytes: text.length });
			await pause();
		}
		// One dump at a time: the previous one is dropped once a new one opens.
		this.#dumps.clear();
		this.#dumps.set(key, dump);
		const format = text.startsWith('RTCStatsDump') ? 'rtcstats' : 'internals';
		return dumpSummary(dump, format, compressed);
	}

	#dump(key: number): StatsDump {
		const dump = this.#dumps.get(key);
		if (!dump) throw new Error('this dump is no longer open');
		return dump;
	}

	connection(key: number, index: number): ConnectionView {
		const connection = this.#dump(key).connections[index];
		if (!connection) throw new Error(`there is no connection ${index}`);
		return connectionView(connection);
	}

	exportAnonymised(key: number): Blob {
		const text = serialiseDump(anonymiseDump(this.#dump(key)));
		return new Blob([text], { type: 'application/json' });
	}
}
