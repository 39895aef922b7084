/**
 * The UI language, shared by every page: English or Simplified Chinese.
 *
 * Paraglide compiles messages/*.json into one function per message (`m.nav_lab()`); each call reads
 * the current locale through the runtime's `getLocale()`. On the server that is the request's
 * locale (hooks.server.ts: cookie, then Accept-Language, then English). In the browser we point
 * `getLocale()` at a rune, so every message rendered in markup or a `$derived` re-renders when
 * the language changes, with no reload and no lost state.
 */
import { browser } from '$app/environment';
import {
	baseLocale,
	getLocale,
	isLocale,
	localStorageKey,
	locales,
	overwriteGetLocale,
	setLocale,
	type Locale
} from '$lib/paraglide/runtime';

export type { Locale };
export { locales };

/** Names of the languages, each written in itself (shown in the switch whatever the UI language). */
export { LOCALE_NAMES as languageNames } from '$lib/core/locale';

let current = $state<Locale>(baseLocale);

if (browser) {
	// Start from what the server rendered (<html lang>), so hydration matches the SSR output.
	const rendered = document.documentElement.lang;
	current = isLocale(rendered) ? rendered : getLocale();
	overwriteGetLocale(() => current);
}

/** The UI language now (reactive in the browser; the request's language on the server). */
export function language(): Locale {
	return browser ? current : getLocale();
}

/** Switches the whole UI and remembers the choice (cookie for SSR, localStorage for the client). */
export function setLanguage(next: Locale): void {
	if (!browser || !isLocale(next)) return;
	// Paraglide's own setter writes the cookie and localStorage (strategy in vite.config.ts).
	void setLocale(next, { reload: false });
	current = next;
	document.documentElement.lang = next;
}

/**
 * After hydration: a choice kept in localStorage wins over what the server guessed (e.g. the
 * cookie was cleared but localStorage kept), and a lesson permalink's `lang=` in the hash sets
 * the UI language too.
 */
export function applyStoredLanguage(hash: string): void {
	if (!browser) return;
	// `#lesson=offer-and-answer&lang=zh-CN`: a lesson permalink names its language.
	const fromHash = /(?:^#?|&)lang=([^&]*)/.exec(hash)?.[1];
	if (fromHash && isLocale(fromHash)) {
		if (fromHash !== current) setLanguage(fromHash);
		return;
	}
	let stored: string | null = null;
	try {
		stored = localStorage.getItem(localStorageKey);
	} catch {
		// Storage can be unavailable (privacy settings); the cookie still carries the choice.
	}
	if (stored && isLocale(stored) && stored !== current) setLanguage(stored);
}
