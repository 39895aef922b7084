import type { Handle } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';

/**
 * Every request is rendered in the reader's language: Paraglide picks it (cookie, then
 * Accept-Language, then English) and keeps it for the request in AsyncLocalStorage, which the
 * message functions read. <html lang> says which language the page is in, and is where the
 * browser starts from when it hydrates.
 */
export const handle: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ locale }) =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		})
	);
