// For unit tests of code that words through Paraglide's `m`: runs `run` with the UI language set
// to `locale` (Node has no cookie or localStorage, so the locale is set the way Paraglide allows
// on a server), then puts the previous language back.
import type { Locale } from '../src/lib/core/locale';
import { getLocale, overwriteGetLocale } from '../src/lib/paraglide/runtime';

export function inLocale<T>(locale: Locale, run: () => T): T {
	const previous = getLocale;
	overwriteGetLocale(() => locale);
	try {
		return run();
	} finally {
		overwriteGetLocale(previous);
	}
}
