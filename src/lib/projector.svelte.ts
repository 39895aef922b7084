// Teacher/projector mode: large type and high contrast for a room, and presenter keys that step
// the lab. One switch for the whole site, remembered in this browser (localStorage). The page's
// root element carries data-projector="on" so any stylesheet can follow it.

export const PROJECTOR_KEY = 'webrtc-lab.projector.v1';

class Projector {
	on = $state(false);

	/** The smallest text a diagram may be drawn with: readable at the back of a room when on. */
	get minTextPx(): number {
		return this.on ? 18 : 12;
	}

	/** Reads the saved choice; call once in the browser. */
	restore(): void {
		try {
			this.on = localStorage.getItem(PROJECTOR_KEY) === 'on';
		} catch {
			this.on = false;
		}
		this.apply();
	}

	set(on: boolean): void {
		this.on = on;
		try {
			localStorage.setItem(PROJECTOR_KEY, on ? 'on' : 'off');
		} catch {
			// Private browsing may refuse storage: the mode still applies to this page.
		}
		this.apply();
	}

	private apply(): void {
		if (typeof document === 'undefined') return;
		if (this.on) document.documentElement.dataset.projector = 'on';
		else delete document.documentElement.dataset.projector;
	}
}

export const projector = new Projector();

/** The presenter keys, as data: what each key sends to the lab. */
export const PRESENTER_KEYS = [
	{
		keys: ['n', 'N'],
		shown: 'N',
		event: 'lab.step',
		label: { en: 'next step', 'zh-CN': '下一步' }
	},
	{
		keys: ['r', 'R'],
		shown: 'R',
		event: 'lab.run',
		label: { en: 'run to connected', 'zh-CN': '运行到连通' }
	},
	{
		keys: ['Escape', '0'],
		shown: 'Esc / 0',
		event: 'lab.reset',
		label: { en: 'reset', 'zh-CN': '重置' }
	}
] as const;

export type PresenterEvent = (typeof PRESENTER_KEYS)[number]['event'];

/**
 * The lab event a key press asks for, or null: never while typing in a form control, never with
 * a modifier (browser and screen-reader shortcuts stay theirs).
 */
export function presenterEvent(event: {
	key: string;
	altKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
	target: EventTarget | null;
}): PresenterEvent | null {
	if (event.altKey || event.ctrlKey || event.metaKey) return null;
	const target = event.target as HTMLElement | null;
	if (target && typeof target.closest === 'function') {
		if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
			return null;
	}
	return (
		PRESENTER_KEYS.find((entry) => (entry.keys as readonly string[]).includes(event.key))?.event ??
		null
	);
}
