/**
 * Loads lessons/ (lessons/README.md): course index.md → NN-slug/index.md → NN-slug/<lang>.md,
 * a lower file winning and `lab` merged key by key. Reading files is a parameter (`LessonFiles`),
 * so tests hand in a fake folder and the site hands in the files Vite bundled; this module only
 * computes. A lesson names the UI's controls by reference (`{ui:lab_next_step}`, see
 * src/lib/core/lessons/ui-labels.ts): each is resolved here, in the text's language, from the
 * same messages/<locale>.json the UI is compiled from (also a parameter). Frontmatter is YAML 1.2 (the `yaml` package: this module runs on the server only, so
 * pages carry none of it), validated by the schemas of src/lib/core/lessons/schema.ts. Anything
 * wrong fails loudly, naming the file, the line or the lesson item and field.
 */

import * as v from 'valibot';
import { parseDocument } from 'yaml';
import { LOCALES, type Locale, type Localized } from '$lib/core/locale';
import { lessonCounts } from '$lib/core/lessons/checks';
import { parseMarkdown } from '$lib/core/lessons/markdown';
import { lessonSchemas, type LessonVocabulary } from '$lib/core/lessons/schema';
import {
	findReferences,
	referencesByLine,
	uiLabel,
	withLabels,
	type UiMessages,
	type UiReference
} from '$lib/core/lessons/ui-labels';
import {
	type Course,
	type Lesson,
	type LessonMeta,
	type LessonSummary,
	type LessonText
} from '$lib/core/lessons/types';

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

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `lower` over `upper`; `lab` merged key by key, everything else (arrays too) replaced. */
export function inherit(upper: Data, lower: Data): Data {
	const merged: Data = { ...upper, ...lower };
	if (isRecord(upper.lab) && isRecord(lower.lab)) merged.lab = { ...upper.lab, ...lower.lab };
	return merged;
}

/** `checks[2].condition.type` from a valibot issue path. */
function fieldPath(issue: v.BaseIssue<unknown>): string {
	let path = '';
	for (const item of issue.path ?? []) {
		const key = item.key;
		path += typeof key === 'number' ? `[${key}]` : `${path ? '.' : ''}${String(key)}`;
	}
	return path;
}

/** The check or prediction an issue is inside, by its id: `check "relay-candidate"`. */
function itemOf(issue: v.BaseIssue<unknown>): string {
	const [list, item] = issue.path ?? [];
	if (!list || !item || (list.key !== 'checks' && list.key !== 'predictions')) return '';
	const id = isRecord(item.value) && typeof item.value.id === 'string' ? item.value.id : null;
	const what = list.key === 'checks' ? 'check' : 'prediction';
	return id ? `${what} "${id}", ` : '';
}

/** One issue in words: where, and what is wrong. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
	const where = `${itemOf(issue)}${fieldPath(issue) || 'frontmatter'}`;
	const expected = issue.expected?.replace(/^\((.*)\)$/, '$1').replaceAll('"', '');
	let what = issue.message;
	if (issue.type === 'strict_object' && issue.expected === 'never') what = 'unknown field';
	else if (issue.kind === 'schema' && issue.received === 'undefined') what = 'missing';
	else if (issue.type === 'picklist' || issue.type === 'variant' || issue.type === 'literal')
		what = `must be one of ${expected?.split(' | ').join(', ')}, not ${issue.received}`;
	else if (issue.kind === 'schema') what = `must be ${expected}, not ${issue.received}`;
	return `${where}: ${what}`;
}

/** Parses `data` with `schema`, or fails naming the file and every field that is wrong. */
function validate<T extends v.GenericSchema>(file: string, schema: T, data: unknown) {
	const result = v.safeParse(schema, data);
	if (result.success) return result.output as v.InferOutput<T>;
	throw new LessonError(file, result.issues.map(describeIssue).join('; '));
}

/** Splits `---\n<yaml>\n---\n<body>` and parses the YAML; errors give the file's line. */
export function splitFrontmatter(
	file: string,
	source: string
): { data: Data; body: string; bodyLine: number } {
	const match = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(source);
	if (!match) throw new LessonError(file, 'no frontmatter (the file must start with a --- line)');
	const document = parseDocument(match[1] ?? '');
	const [error] = document.errors;
	if (error) {
		// The YAML starts on the file's second line, after `---`.
		const line = (error.linePos?.[0].line ?? 1) + 1;
		// The message's own position is the YAML's, not the file's: drop it.
		const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
		throw new LessonError(file, `line ${line}: ${message}`);
	}
	const data: unknown = document.toJS() ?? {};
	if (!isRecord(data)) throw new LessonError(file, 'line 2: the frontmatter must be a mapping');
	// The body's first line in the file: after the frontmatter's own lines.
	const bodyLine = match[0].split('\n').length + (match[0].endsWith('\n') ? 0 : 1);
	return { data, body: source.slice(match[0].length), bodyLine };
}

function readFile(
	files: LessonFiles,
	path: string
): { data: Data; body: string; bodyLine: number } {
	const text = files.read(path);
	if (text === undefined) throw new LessonError(path, 'file is missing');
	return splitFrontmatter(path, text);
}

/** The fields that belong to one file and never flow down. */
const NOT_INHERITED = ['course', 'slug', 'order', 'title', 'summary'];
const omit = (data: Data, keys: readonly string[]): Data =>
	Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));

type Schemas = ReturnType<typeof lessonSchemas>;

function readCourse(files: LessonFiles, schemas: Schemas): { course: Course; defaults: Data } {
	const { data } = readFile(files, 'index.md');
	const { course } = validate('index.md', schemas.courseFile, data);
	// The defaults flow down as written: each lesson's merged metadata is validated in full.
	return { course, defaults: omit(data, NOT_INHERITED) };
}

/** The label of a reference already checked by `checkReferences` (anything else is a bug here). */
function labelOf(messages: UiMessages, language: Locale, file: string) {
	return (reference: Pick<UiReference, 'source' | 'id'>): string => {
		const result = uiLabel(messages, language, reference);
		if (!result.ok) throw new LessonError(file, result.problem);
		return result.label;
	};
}

/** Fails naming the file and line of the first reference in `body` that names no label. */
function checkReferences(
	messages: UiMessages,
	language: Locale,
	file: string,
	body: string,
	bodyLine: number
) {
	for (const reference of referencesByLine(body)) {
		const result = uiLabel(messages, language, reference);
		if (!result.ok)
			throw new LessonError(file, `line ${bodyLine + reference.line - 1}: ${result.problem}`);
	}
}

/** The 1-based line of the first occurrence of `token` in `text`, if any. */
function lineOf(text: string, token: string): number | null {
	const at = text.indexOf(token);
	return at < 0 ? null : text.slice(0, at).split('\n').length;
}

/**
 * The lesson's checks and predictions with the references of their texts resolved, each language
 * from its own messages, in quotes. A bad reference fails naming the item, the file that wrote
 * it (the lesson's index.md, a language file or the course's) and its line.
 */
function labelTexts(
	files: LessonFiles,
	messages: UiMessages,
	dir: string,
	meta: Pick<LessonMeta, 'checks' | 'predictions'>
): Pick<LessonMeta, 'checks' | 'predictions'> {
	const resolve = (text: Localized, where: string): Localized =>
		Object.fromEntries(
			LOCALES.map((language) => {
				for (const reference of findReferences(text[language])) {
					const result = uiLabel(messages, language, reference);
					if (result.ok) continue;
					const sources = [`${dir}/index.md`, ...LOCALES.map((l) => `${dir}/${l}.md`), 'index.md'];
					const file =
						sources.find((path) => files.read(path)?.includes(reference.token)) ??
						`${dir}/index.md`;
					const line = lineOf(files.read(file) ?? '', reference.token);
					throw new LessonError(
						file,
						`${line ? `line ${line}: ` : ''}${where}.${language}: ${result.problem}`
					);
				}
				return [language, withLabels(text[language], language, labelOf(messages, language, dir))];
			})
		) as Localized;
	return {
		checks: meta.checks.map((check) => ({
			...check,
			description: resolve(check.description, `check "${check.id}", description`)
		})),
		predictions: meta.predictions.map((prediction) => {
			const where = `prediction "${prediction.id}"`;
			return {
				...prediction,
				question: resolve(prediction.question, `${where}, question`),
				choices: prediction.choices.map((choice, n) => resolve(choice, `${where}, choices[${n}]`)),
				explanation: resolve(prediction.explanation, `${where}, explanation`)
			};
		})
	};
}

function readLesson(
	files: LessonFiles,
	schemas: Schemas,
	messages: UiMessages,
	dir: string,
	defaults: Data
): Lesson {
	const number = Number(/^(\d+)-/.exec(dir)?.[1]);
	const indexPath = `${dir}/index.md`;
	const own = readFile(files, indexPath).data;
	const { slug, order } = validate(indexPath, schemas.lessonFile, own);
	if (slug !== dir.replace(/^\d+-/, ''))
		throw new LessonError(indexPath, `slug "${slug}" does not match the folder name`);
	if (order !== number)
		throw new LessonError(indexPath, `order ${order} does not match the folder number ${number}`);
	const lessonData = inherit(defaults, omit(own, NOT_INHERITED));
	// Errors in the lesson's own metadata name its index.md, before any language file is read.
	validate(indexPath, schemas.lesson, lessonData);

	const text = {} as Record<Locale, LessonText>;
	let lesson: Lesson | undefined;
	for (const language of LOCALES) {
		const path = `${dir}/${language}.md`;
		const { data, body, bodyLine } = readFile(files, path);
		const { title, summary } = validate(path, schemas.languageFile, data);
		checkReferences(messages, language, path, body, bodyLine);
		const blocks = parseMarkdown(body, labelOf(messages, language, path));
		text[language] = { title, summary, blocks };
		// A language file may override the lesson's metadata too (a lower file wins); every chain
		// is validated, and the page runs with the English one's metadata.
		const meta = validate(path, schemas.lesson, inherit(lessonData, omit(data, NOT_INHERITED)));
		if (language === 'en') {
			lesson = { slug, order, dir, ...meta, ...labelTexts(files, messages, dir, meta), text };
		}
	}
	if (!lesson) throw new LessonError(dir, 'no language files');
	return lesson;
}

export interface LoadedLessons {
	course: Course;
	/** In path order: lessons[n].order === n + 1. */
	lessons: Lesson[];
}

/**
 * Loads and validates lessons/, with the lab's state names of `vocabulary` and the UI's words
 * of `messages` (for the lessons' `{ui:…}` references).
 */
export function loadLessons(
	files: LessonFiles,
	vocabulary: LessonVocabulary,
	messages: UiMessages
): LoadedLessons {
	const schemas = lessonSchemas(vocabulary);
	const { course, defaults } = readCourse(files, schemas);
	const dirs = [
		...new Set(
			files
				.paths()
				.map((path) => /^(\d+-[^/]+)\//.exec(path)?.[1])
				.filter((dir): dir is string => dir !== undefined)
		)
	].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
	const lessons = dirs.map((dir) => readLesson(files, schemas, messages, dir, defaults));
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
		counts: lessonCounts(lesson)
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

/** The UI's messages, from the same files Paraglide compiles: what `{ui:…}` references name. */
const messageFiles = import.meta.glob('/messages/*.json', {
	import: 'default',
	eager: true
}) as Record<string, Record<string, unknown>>;

export const bundledUiMessages: UiMessages = Object.fromEntries(
	LOCALES.map((locale) => [locale, messageFiles[`/messages/${locale}.json`] ?? {}])
) as UiMessages;
