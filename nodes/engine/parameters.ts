import {
	isSafeObjectProperty,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameters,
	type NodeParameterValueType,
} from 'n8n-workflow';

/** Whether a saved parameter value holds an n8n expression anywhere inside it. */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** The result of {@link resolveItemFieldReferences} when a value needs n8n's expression engine. */
export const NEEDS_EXPRESSION_ENGINE: unique symbol = Symbol('needs the expression engine');

// `={{ $json.email }}`, `={{ $json.contact.phone }}`, `={{ $json["First name"] }}`: the whole
// value is one path into the item's JSON. Anything else (text around it, a function call, another
// variable) is not matched and goes to n8n. Bracket keys hold no control or line-separator
// characters (not valid in a JavaScript string literal) and no braces (n8n splits `{{ }}` on them).
const FIELD_REFERENCE =
	/^=\{\{\s*\$json((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:"[^"\\\p{Cc}\u2028\u2029{}]*"|'[^'\\\p{Cc}\u2028\u2029{}]*')\s*\])+)\s*\}\}$/u;
const PATH_SEGMENT =
	/\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\\p{Cc}\u2028\u2029{}]*)"|'([^'\\\p{Cc}\u2028\u2029{}]*)')\s*\]/gu;

/**
 * Whether n8n's expression sandbox lets an expression read this property name, asked of the
 * running n8n: n8n-workflow exports the check (`isSafeObjectProperty`, in n8n 1.x and 2.x), not
 * its list. An n8n without the check gets no shortcut: its expression engine reads every value.
 */
function sandboxAllows(key: string): boolean {
	return typeof isSafeObjectProperty === 'function' && isSafeObjectProperty(key);
}

/**
 * The property path of a `={{ $json.… }}` reference, or undefined for any other value and for a
 * reference n8n refuses (a name its sandbox blocks, or `.constructor` anywhere in the text, which
 * n8n rejects before evaluating): those go to n8n, which reports them as it always does.
 */
export function fieldReferencePath(value: string): string[] | undefined {
	const match = FIELD_REFERENCE.exec(value);
	if (!match || /constructor/i.test(value)) return undefined;
	const path = Array.from(match[1].matchAll(PATH_SEGMENT), (segment) =>
		segment[1] !== undefined ? segment[1] : (segment[2] ?? segment[3]),
	);
	return path.every(sandboxAllows) ? path : undefined;
}

/** The value at `path` in `json` when it is a string, finite number or boolean. */
function readPrimitive(json: unknown, path: string[]): unknown {
	let current = json;
	for (const key of path) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) {
			return NEEDS_EXPRESSION_ENGINE;
		}
		// Own properties only: `constructor`, `__proto__` and the like are n8n's business.
		if (!Object.prototype.hasOwnProperty.call(current, key)) return NEEDS_EXPRESSION_ENGINE;
		current = (current as IDataObject)[key];
	}
	if (typeof current === 'string' || typeof current === 'boolean') return current;
	if (typeof current === 'number' && Number.isFinite(current)) return current;
	// null, missing, objects, arrays, dates, NaN: n8n has its own rules for these.
	return NEEDS_EXPRESSION_ENGINE;
}

/** Reads one item's value of a saved parameter, or {@link NEEDS_EXPRESSION_ENGINE}. */
type FieldReader = (json: unknown) => unknown | typeof NEEDS_EXPRESSION_ENGINE;

const NEEDS_ENGINE_ALWAYS: FieldReader = () => NEEDS_EXPRESSION_ENGINE;

/**
 * Compiles a saved parameter value once: what {@link resolveItemFieldReferences} does for it,
 * with the references' paths parsed ahead, so each item only walks its own JSON.
 */
function compileFieldReferences(value: unknown): FieldReader {
	if (typeof value === 'string') {
		if (!value.startsWith('=')) return () => value;
		const path = fieldReferencePath(value);
		return path ? (json) => readPrimitive(json, path) : NEEDS_ENGINE_ALWAYS;
	}
	if (Array.isArray(value)) {
		const entries = value.map(compileFieldReferences);
		if (entries.includes(NEEDS_ENGINE_ALWAYS)) return NEEDS_ENGINE_ALWAYS;
		return (json) => {
			const resolved: unknown[] = [];
			for (const entry of entries) {
				const result = entry(json);
				if (result === NEEDS_EXPRESSION_ENGINE) return result;
				resolved.push(result);
			}
			return resolved;
		};
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).map(
			([key, entry]) => [key, compileFieldReferences(entry)] as const,
		);
		if (entries.some(([, entry]) => entry === NEEDS_ENGINE_ALWAYS)) return NEEDS_ENGINE_ALWAYS;
		return (json) => {
			const resolved: Record<string, unknown> = {};
			for (const [key, entry] of entries) {
				const result = entry(json);
				if (result === NEEDS_EXPRESSION_ENGINE) return result;
				resolved[key] = result;
			}
			return resolved;
		};
	}
	return () => value;
}

/**
 * Resolves a saved parameter value in which every expression is a plain reference to a field
 * of the item (`={{ $json.email }}`) holding a string, number or boolean, the form n8n's field
 * mapping produces. Such a reference means exactly "this field's value", so it is read directly,
 * without starting n8n's expression engine for each of thousands of items. Returns a new value
 * (the saved parameters are never shared), or {@link NEEDS_EXPRESSION_ENGINE} when any part of
 * the value needs n8n.
 */
export function resolveItemFieldReferences(
	value: unknown,
	json: unknown,
): unknown | typeof NEEDS_EXPRESSION_ENGINE {
	return compileFieldReferences(value)(json);
}

/**
 * Reads node parameters for each item. A parameter without an expression has the same value for
 * every item, so it is resolved once and reused; one whose expressions only reference item fields
 * (`={{ $json.email }}`) is read from the item; every other expression goes through n8n, item by
 * item, as usual. In a 20,000-item run this saves tens of thousands of trips through n8n's
 * expression engine, the largest share of the node's own CPU time.
 */
export class ParameterReader {
	/**
	 * The node's saved parameters, read once: n8n's getNode() deep-copies the whole node on every
	 * call, which per item and parameter cost more than reading the value itself.
	 */
	private saved: INodeParameters | undefined;

	private readonly staticValues = new Map<string, unknown>();

	/** Per parameter with an expression: its compiled field references (or none when off). */
	private readonly dynamic = new Map<string, FieldReader | undefined>();

	private inputItems: Array<{ json: unknown }> | undefined;

	/**
	 * @param readFieldsDirectly whether `={{ $json.… }}` references may be read from the input
	 *   item directly (off where `$json` may mean something else, e.g. in an AI agent's tool call)
	 */
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly readFieldsDirectly = true,
	) {}

	/** The parameter's value for one item, or `fallback` when it is not set. */
	get(name: string, itemIndex: number, fallback: unknown): unknown {
		if (this.staticValues.has(name)) return this.staticValues.get(name);
		let direct = this.dynamic.get(name);
		if (direct === undefined && !this.dynamic.has(name)) {
			this.saved ??= this.context.getNode().parameters;
			const saved = this.saved[name];
			if (!holdsExpression(saved)) {
				const value = this.read(name, itemIndex, fallback);
				this.staticValues.set(name, value);
				return value;
			}
			direct = this.readFieldsDirectly ? compileFieldReferences(saved) : undefined;
			this.dynamic.set(name, direct);
		}
		if (direct) {
			this.inputItems ??= this.context.getInputData();
			const item = this.inputItems[itemIndex];
			const value = item ? direct(item.json) : NEEDS_EXPRESSION_ENGINE;
			if (value !== NEEDS_EXPRESSION_ENGINE) return value;
		}
		return this.read(name, itemIndex, fallback);
	}

	private read(name: string, itemIndex: number, fallback: unknown): unknown {
		return this.context.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType);
	}
}
