/**
 * The one module the app imports for its UI text: `m` holds every message (messages/en.json,
 * messages/zh-CN.json), compiled by Paraglide; `language()` and `setLanguage()` read and switch
 * the UI language.
 */
export { m } from '$lib/paraglide/messages';
export {
	applyStoredLanguage,
	language,
	languageNames,
	locales,
	setLanguage,
	type Locale
} from './locale.svelte';
