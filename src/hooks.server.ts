import type { Handle, HandleServerError } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { boundedValue, limitedLog } from '$lib/server/log-limit';

/**
 * A path whose percent-encoding does not decode (`/remote/%%`, `/remote/%E0%A4%A`) cannot be
 * routed: SvelteKit answers a bare "Malformed URI", logs a stack trace, and its client throws
 * "URI malformed" while it starts. The same address with every `%` written as `%25` decodes to
 * exactly the characters that were typed, so it is sent there, and the page it reaches says what
 * is wrong in the reader's language (the room page: "The address contains a “%” that …", 400).
 */
function malformedPathRedirect(url: URL): Response | null {
	try {
		decodeURI(url.pathname);
		return null;
	} catch {
		const location = url.pathname.replaceAll('%', '%25') + url.search;
		return new Response(null, { status: 307, headers: { location, 'cache-control': 'no-store' } });
	}
}

/**
 * Every request is rendered in the reader's language: Paraglide picks it (cookie, then
 * Accept-Language, then English) and keeps it for the request in AsyncLocalStorage, which the
 * message functions read. <html lang> says which language the page is in, and is where the
 * browser starts from when it hydrates.
 */
export const handle: Handle = ({ event, resolve }) =>
	malformedPathRedirect(event.url) ??
	paraglideMiddleware(event.request, ({ locale }) =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		})
	);

/** One short line per error, at most 10 at once and 1 a second of each status, then a count. */
const log = limitedLog((line) => console.error(line));

/**
 * Errors while serving a request. A client's mistake (400, 405, …) is one bounded line with no
 * stack: anyone can cause thousands. 404s are routine and not logged. A server error (500) keeps
 * its stack, folded into one bounded line. The page (+error.svelte) words the status itself in the
 * learner's language, so the message it gets is empty: SvelteKit's ("Not Found", "Internal
 * Error") is English, and an exception's text is no business of the reader's.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const where = `${event.request.method} ${boundedValue(event.url.pathname)}`;
	if (status === 404) return { message: '' };
	if (status < 500) log(`http-${status}`, `[${status}] ${where}: ${boundedValue(message)}`);
	else
		log(
			`http-${status}`,
			`[${status}] ${where}: ${boundedValue((error as Error)?.stack ?? error, 2_000)}`
		);
	return { message: '' };
};
