/**
 * The rule the language walk (tests/i18n-walk.spec.ts) applies to every text the learner sees:
 * kept here, beside the messages, so Vitest (which runs `src/**`) tests it, and so the rule for
 * "English left in the Chinese UI" is one readable function.
 *
 * English prose is three or more consecutive English words. Between them only spaces and
 * sentence punctuation (`,` `.` `;` `:` `!` `?` quotes, brackets, dashes, `&`) may stand; anything
 * else (a Chinese character, an arrow, a number, an identifier) ends the run. A word is an
 * ordinary dictionary-looking token: letters only, all lower case or capitalised
 * (`Next`, `step`, `caller's`, `well-known`), or a capital letter alone after such a word
 * (`Peer A`: after Chinese, `对端 A`, it is a name and starts nothing). These are not English words, because the
 * Chinese UI keeps them as written:
 * - acronyms and protocol terms in capitals: `ICE`, `SDP`, `STUN`, `TURN`, `RTP`, `DTLS-SRTP`;
 * - API names and state identifiers in camelCase or with separators: `setLocalDescription`,
 *   `iceConnectionState`, `iceChecking`, `have-local-offer`, `a=ice-ufrag`, `RTCPeerConnection`;
 * - anything with a digit, `.`, `/`, `_`, `:`, `@`, `=`, `#`, `%`: URLs, IP addresses, ports,
 *   file names, codecs (`opus/48000/2`), numbers with units (`20ms`);
 * - units (`ms`, `kbps`, `kHz` …) and the SDP/ICE vocabulary that is not English (`sendrecv`,
 *   `srflx`, `host`, `udp`, `nack` …).
 * A whole SDP line (`a=…`, `candidate:…`) holds no prose; arrows (`→`, `↔`) and separators
 * (`·`, `|`) end a run.
 * State names that are also English words (`connected`, `checking`) do count: alone or beside
 * Chinese they never make three in a row, and a list of them belongs in `<code>`.
 */

/** Units written after a number, as the UI shows them. */
const UNITS = new Set([
	'ms',
	's',
	'min',
	'h',
	'bps',
	'kbps',
	'Mbps',
	'Gbps',
	'kbit',
	'Mbit',
	'kB',
	'KB',
	'MB',
	'GB',
	'KiB',
	'MiB',
	'Hz',
	'kHz',
	'fps',
	'dB',
	'dBov',
	'px'
]);

/** WebRTC, SDP and ICE identifiers that look like lower-case words but are not English. */
const IDENTIFIERS = new Set([
	'sendrecv',
	'sendonly',
	'recvonly',
	'actpass',
	'srflx',
	'prflx',
	'host',
	'typ',
	'nack',
	'pli',
	'fir',
	'ccm',
	'goog-remb',
	'transport-cc',
	'udp',
	'tcp',
	'ufrag',
	'pwd',
	'ssrc',
	'rtx',
	'rtcp',
	'opus',
	'mux',
	'rsize',
	'mdns',
	'webrtc',
	'rtcstats',
	'getStats',
	'have-local-offer',
	'have-remote-offer',
	'have-local-pranswer',
	'have-remote-pranswer',
	'max-bundle',
	'max-compat',
	'ice-lite',
	'trickle-ice',
	'end-of-candidates'
]);

/** Chinese script and the CJK/full-width punctuation that goes with it. */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff01-\uff60]/u;

/** A Chinese run, or a run of anything else up to whitespace or Chinese. */
const TOKENS =
	/[\p{Script=Han}\u3000-\u303f\uff01-\uff60]+|[^\s\p{Script=Han}\u3000-\u303f\uff01-\uff60]+/gu;

/** `v=0`, `a=…`, `m=…`, or an ICE candidate line. */
const SDP_LINE = /^(?:[a-z]=|candidate:)/;

/** Arrows and separators between labels (`Peer A → Peer B`): they end a run, even unspaced. */
const ARROWS = /[←-⇿·•|]/g;

/** Punctuation that may stand on its own between words of one sentence. */
const SENTENCE_PUNCTUATION = /^[—–\-&…,.;:!?'"“”‘’()[\]]+$/;

/** Leading and trailing punctuation around a word: `"Next`, `step".`, `(dropped`. */
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** One word: letters only, lower case or capitalised, with inner apostrophes. Or one letter. */
const PLAIN_WORD = /^(?:[A-Za-z]|[A-Z]?[a-z]+(?:['’][a-z]+)*)$/;

/** Is this token (punctuation around it already stripped) an English word? */
export function isEnglishWord(word: string): boolean {
	if (
		word === '' ||
		UNITS.has(word) ||
		IDENTIFIERS.has(word) ||
		IDENTIFIERS.has(word.toLowerCase())
	)
		return false;
	// Digits, dotted names, paths, URLs, addresses, identifiers with separators.
	if (/[\d._/:@=#%\\+]/.test(word)) return false;
	// camelCase and PascalCase with inner capitals: API names, state identifiers.
	if (/[a-z][A-Z]/.test(word)) return false;
	const parts = word.split('-');
	if (parts.some((part) => part === '')) return false;
	return parts.every((part) => PLAIN_WORD.test(part));
}

/**
 * The runs of English prose in a text, each as it stands in the text (three or more consecutive
 * English words); none if the text holds no English prose.
 */
export function englishProse(text: string): string[] {
	// An SDP line (`a=rtpmap:111 opus/48000/2`, `candidate:1 1 udp … typ host generation 0`) is code.
	if (SDP_LINE.test(text.trim())) return [];
	const runs: string[] = [];
	let run: string[] = [];
	const end = () => {
		const words = run.filter((token) => isEnglishWord(token.replace(EDGES, '')));
		if (words.length >= 3) runs.push(run.join(' ').trim());
		run = [];
	};
	for (const token of text.replace(ARROWS, ' ⟦⟧ ').match(TOKENS) ?? []) {
		if (CHINESE.test(token)) {
			end();
			continue;
		}
		const word = token.replace(EDGES, '');
		if (word === '') {
			// Punctuation alone: a dash or an ampersand inside a sentence, anything else a break.
			if (SENTENCE_PUNCTUATION.test(token) && run.length > 0) run.push(token);
			else end();
			continue;
		}
		// A capital letter alone names something after a word ("Peer A"); it starts no run
		// ("对端 A: Check response" is two English words).
		if (/^[A-Z]$/.test(word) && !run.some((t) => isEnglishWord(t.replace(EDGES, '')))) end();
		else if (isEnglishWord(word)) run.push(token);
		else end();
	}
	end();
	return runs;
}

/** Does a text hold any Chinese (characters or CJK punctuation)? */
export function hasChinese(text: string): boolean {
	return CHINESE.test(text);
}
