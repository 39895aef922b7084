/**
 * Loads lessons/ (lessons/README.md): course index.md → NN-slug/index.md → NN-slug/<lang>.md,
 * a lower file winning and `lab` merged key by key. Reading files is a parameter (`LessonFiles`),
 * so tests hand in a fake folder and the site hands in the files Vite bundled; this module only
 * computes. Anything wrong fails loudly, naming the file.
 */

import { CHECKED_PAGES, EVALUATED_KINDS, requiredChecks } from '$lib/core/lessons/checks';
import { parseMarkdown } from '$lib/core/lessons/markdown';
import { NETWORK_CONDITIONS } from '$lib/core/ice/conditions';
import {
	LANGUAGES,
	isLanguage,
	type Check,
	type Course,
	type Language,
	type Lesson,
	type LessonLab,
	type LessonSummary,
	type LessonText,
	type Localized,
	type Prediction
} from '$lib/core/lessons/types';
import { splitFrontmatter, type YamlValue } from '$lib/core/lessons/yaml';

/** The lesson folder as files: paths relative to lessons/, e.g. `03-offer-and-answer/en.md`. */
export interface LessonFiles {
	paths(): string[];
	/** The file's text, or undefined when it does not exist. */
	read(path: string): string | undefined;
}

export class LessonError extends Error {
	constructor(
		readonly file: string,
		message: string
	) {
		super(`lessons/${file}: ${message}`);
		this.name = 'LessonError';
	}
}

/** Every kind lessons/README.md defines; evaluated or not yet (then "coming soon"). */
export const CHECK_KINDS: ReadonlySet<string> = new Set([
	...EVALUATED_KINDS,
	'signal',
	'fileTransfer',
	'recording'
]);

const LAB_VALUES = {
	page: ['/lab', '/remote', '/sdp', '/nat'],
	mode: ['datachannel', 'media'],
	source: ['synthetic', 'devices'],
	network: NETWORK_CONDITIONS.map((condition) => condition.id)
} as const;

/** The `lab` keys a check's `when` may name. */
const WHEN_KEYS = ['mode', 'source', 'trickle', 'network'];

type Data = { [key: string]: YamlValue };
const isRecord = (value: unknown): value is Data =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `lower` over `upper`; `lab` merged key by key, everything else (arrays too) replaced. */
export function inherit(upper: Data, lower: Data): Data {
	const merged: Data = { ...upper, ...lower };
	if (isRecord(upper.lab) && isRecord(lower.lab)) merged.lab = { ...upper.lab, ...lower.lab };
	return merged;
}

/** Reads fields off one file's merged data, failing with that file's name. */
class Fields {
	constructor(
		readonly file: string,
		readonly data: Data
	) {}

	fail(message: string): never {
		throw new LessonError(this.file, message);
	}

	string(key: string, where: Data = this.data, label = key): string {
		const value = where[key];
		if (typeof value !== 'string' || value.trim() === '') this.fail(`missing ${label}`);
		return value;
	}

	integer(key: string, where: Data = this.data, label = key): number {
		const value = where[key];
		if (typeof value !== 'number' || !Number.isInteger(value))
			this.fail(`missing ${label} (an integer)`);
		return value;
	}

	strings(key: string, where: Data = this.data, label = key): string[] {
		const value = where[key] ?? [];
		if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
			this.fail(`${label} must be a list of strings`);
		}
		return value as string[];
	}

	localized(value: YamlValue | undefined, label: string): Localized {
		if (!isRecord(value)) this.fail(`${label} must give every language (${LANGUAGES.join(', ')})`);
		const result = {} as Localized;
		for (const language of LANGUAGES)
			result[language] = this.string(language, value, `${label}.${language}`);
		return result;
	}

	lab(): LessonLab {
		const lab = this.data.lab;
		if (!isRecord(lab)) this.fail('missing lab');
		for (const [key, allowed] of Object.entries(LAB_VALUES)) {
			if (!(allowed as readonly unknown[]).includes(lab[key])) {
				this.fail(`lab.${key} must be one of ${allowed.join(', ')} (got ${String(lab[key])})`);
			}
		}
		if (typeof lab.trickle !== 'boolean') this.fail('lab.trickle must be true or false');
		const delayMs = this.integer('delayMs', lab, 'lab.delayMs');
		if (delayMs < 0 || delayMs > 2000) this.fail('lab.delayMs must be within 0–2000');
		const { page, mode, source, trickle, network } = lab as unknown as LessonLab;
		// Unknown keys (the retired iceServers / iceTransportPolicy) would be silently ignored.
		const unknown = Object.keys(lab).find(
			(key) => !(key in LAB_VALUES) && key !== 'trickle' && key !== 'delayMs'
		);
		if (unknown !== undefined) this.fail(`lab.${unknown} is not a lab key (see lessons/README.md)`);
		return { page, mode, source, trickle, delayMs, network };
	}

	predictions(): Prediction[] {
		const list = this.data.predictions ?? [];
		if (!Array.isArray(list)) this.fail('predictions must be a list');
		const ids = new Set<string>();
		return list.map((item, index) => {
			const label = `predictions[${index}]`;
			if (!isRecord(item)) this.fail(`${label} must be a mapping`);
			const id = this.string('id', item, `${label}.id`);
			if (ids.has(id)) this.fail(`duplicate prediction id "${id}"`);
			ids.add(id);
			const choices = item.choices;
			if (!Array.isArray(choices) || choices.length < 2 || choices.length > 5) {
				this.fail(`${label}.choices must list 2–5 choices`);
			}
			const answer = this.integer('answer', item, `${label}.answer`);
			if (answer < 0 || answer >= choices.length) this.fail(`${label}.answer is not a choice`);
			return {
				id,
				before: this.string('before', item, `${label}.before`),
				question: this.localized(item.question, `${label}.question`),
				choices: choices.map((choice, n) => this.localized(choice, `${label}.choices[${n}]`)),
				answer,
				explanation: this.localized(item.explanation, `${label}.explanation`),
				requires: this.strings('requires', item, `${label}.requires`)
			};
		});
	}

	checks(): Check[] {
		const list = this.data.checks ?? [];
		if (!Array.isArray(list)) this.fail('checks must be a list');
		const ids = new Set<string>();
		return list.map((item, index) => {
			const label = `checks[${index}]`;
			if (!isRecord(item)) this.fail(`${label} must be a mapping`);
			const id = this.string('id', item, `${label}.id`);
			if (ids.has(id)) this.fail(`duplicate check id "${id}"`);
			ids.add(id);
			const condition = item.condition;
			if (!isRecord(condition)) this.fail(`${label}.condition must be a mapping`);
			const kind = this.string('kind', condition, `${label}.condition.kind`);
			if (!CHECK_KINDS.has(kind)) this.fail(`${label}: unknown check kind "${kind}"`);
			const when = item.when ?? null;
			if (when !== null && !isRecord(when)) this.fail(`${label}.when must be a mapping`);
			for (const [key, value] of Object.entries(when ?? {})) {
				if (!WHEN_KEYS.includes(key)) this.fail(`${label}.when.${key} is not a lab key`);
				const allowed = (LAB_VALUES as Record<string, readonly unknown[]>)[key];
				if (allowed && !allowed.includes(value))
					this.fail(`${label}.when.${key} must be one of ${allowed.join(', ')}`);
			}
			return {
				id,
				description: this.localized(item.description, `${label}.description`),
				condition: { ...condition, kind },
				when: when as Partial<LessonLab> | null,
				optional: item.optional === true,
				requires: this.strings('requires', item, `${label}.requires`)
			};
		});
	}
}

function readData(files: LessonFiles, path: string): { data: Data; body: string } {
	const text = files.read(path);
	if (text === undefined) throw new LessonError(path, 'file is missing');
	try {
		return splitFrontmatter(text);
	} catch (error) {
		throw new LessonError(path, `bad frontmatter: ${(error as Error).message}`);
	}
}

function readCourse(files: LessonFiles): { course: Course; defaults: Data } {
	const { data } = readData(files, 'index.md');
	const fields: Fields = new Fields('index.md', data);
	const course = data.course;
	if (!isRecord(course)) fields.fail('missing course');
	const languages = fields.strings('languages', course, 'course.languages');
	const unknown = languages.find((language) => !isLanguage(language));
	if (unknown !== undefined) fields.fail(`unknown language "${unknown}"`);
	const defaultLanguage = course.defaultLanguage ?? 'en';
	if (!isLanguage(defaultLanguage)) fields.fail('course.defaultLanguage must be a course language');
	const { course: _course, ...defaults } = data;
	return {
		course: {
			title: fields.localized(course.title, 'course.title'),
			summary: fields.localized(course.summary, 'course.summary'),
			languages: languages as Language[],
			defaultLanguage
		},
		defaults
	};
}

/** The fields that belong to one file and never flow down. */
const NOT_INHERITED = ['slug', 'order', 'title', 'summary'];
const omit = (data: Data, keys: readonly string[]): Data =>
	Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));

function readLesson(files: LessonFiles, dir: string, defaults: Data): Lesson {
	const number = Number(/^(\d+)-/.exec(dir)?.[1]);
	const indexPath = `${dir}/index.md`;
	const own = readData(files, indexPath).data;
	const lessonData = inherit(defaults, own);
	const index: Fields = new Fields(indexPath, lessonData);
	const slug = index.string('slug', own);
	const order = index.integer('order', own);
	if (slug !== dir.replace(/^\d+-/, ''))
		index.fail(`slug "${slug}" does not match the folder name`);
	if (order !== number) index.fail(`order ${order} does not match the folder number ${number}`);
	// Errors in the lesson's own metadata name its index.md, before any language file is read.
	index.lab();
	index.predictions();
	index.checks();

	const text = {} as Record<Language, LessonText>;
	let lesson: Lesson | undefined;
	for (const language of LANGUAGES) {
		const path = `${dir}/${language}.md`;
		const { data, body } = readData(files, path);
		// A language file may override the lesson's metadata too (a lower file wins).
		const merged: Fields = new Fields(path, inherit(omit(lessonData, NOT_INHERITED), data));
		text[language] = {
			title: merged.string('title', data),
			summary: merged.string('summary', data),
			blocks: parseMarkdown(body)
		};
		// Every chain is validated; the page runs with the English one's metadata.
		const version: Lesson = {
			slug,
			order,
			dir,
			minutes: merged.integer('minutes'),
			lab: merged.lab(),
			requires: merged.strings('requires'),
			see: merged.strings('see'),
			predictions: merged.predictions(),
			checks: merged.checks(),
			text
		};
		if (language === 'en') lesson = version;
	}
	if (!lesson) throw new LessonError(dir, 'no language files');
	return lesson;
}

export interface LoadedLessons {
	course: Course;
	/** In path order: lessons[n].order === n + 1. */
	lessons: Lesson[];
}

export function loadLessons(files: LessonFiles): LoadedLessons {
	const { course, defaults } = readCourse(files);
	const dirs = [
		...new Set(
			files
				.paths()
				.map((path) => /^(\d+-[^/]+)\//.exec(path)?.[1])
				.filter((dir): dir is string => dir !== undefined)
		)
	].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
	const lessons = dirs.map((dir) => readLesson(files, dir, defaults));
	lessons.forEach((lesson, index) => {
		if (lesson.order !== index + 1) {
			throw new LessonError(lesson.dir, `lesson ${index + 1} is missing: numbers must run 1…N`);
		}
	});
	return { course, lessons };
}

export function summarize(lesson: Lesson): LessonSummary {
	return {
		slug: lesson.slug,
		order: lesson.order,
		minutes: lesson.minutes,
		title: { en: lesson.text.en.title, 'zh-CN': lesson.text['zh-CN'].title },
		summary: { en: lesson.text.en.summary, 'zh-CN': lesson.text['zh-CN'].summary },
		requiredChecks: CHECKED_PAGES.has(lesson.lab.page)
			? requiredChecks(lesson.checks).map((c) => c.id)
			: []
	};
}

/** lessons/ as Vite bundles it (so the built server needs no lessons/ folder at run time). */
const bundled = import.meta.glob('/lessons/**/*.md', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export const bundledLessonFiles: LessonFiles = {
	paths: () => Object.keys(bundled).map((path) => path.replace(/^\/lessons\//, '')),
	read: (path) => bundled[`/lessons/${path}`]
};

let cache: LoadedLessons | undefined;

/** The site's lessons, loaded once per server start (in dev, per module reload). */
export function siteLessons(): LoadedLessons {
	cache ??= loadLessons(bundledLessonFiles);
	return cache;
}
