'use strict';
/**
 * Parse what `n8n execute --rawOutput` prints: log lines around a JSON object that holds the
 * execution's run data.
 */

/**
 * Find every top-level JSON object in `text` (log lines may precede or follow it). Returns the
 * parsed values in order of appearance.
 */
function extractJsonObjects(text) {
	const found = [];
	let i = 0;
	while (i < text.length) {
		const start = text.indexOf('{', i);
		if (start === -1) break;
		const end = matchBrace(text, start);
		if (end === -1) {
			i = start + 1;
			continue;
		}
		try {
			found.push(JSON.parse(text.slice(start, end + 1)));
			i = end + 1;
		} catch {
			i = start + 1;
		}
	}
	return found;
}

/** `text` without its multi-line JSON blocks (keeps the log lines around them). */
function withoutJson(text) {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const start = text.indexOf('{', i);
		if (start === -1) break;
		const end = matchBrace(text, start);
		if (end === -1 || end - start < 200) {
			out += text.slice(i, start + 1);
			i = start + 1;
			continue;
		}
		out += `${text.slice(i, start)}{…JSON…}`;
		i = end + 1;
	}
	return out + text.slice(i);
}

function matchBrace(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i;
		}
	}
	return -1;
}

/** The run data of an execution, wherever it sits in the printed object. */
function findResultData(value) {
	if (!value || typeof value !== 'object') return undefined;
	if (value.data && value.data.resultData) return value.data.resultData;
	if (value.resultData) return value.resultData;
	return undefined;
}

/** { [nodeName]: [[items of output 0 as json], [items of output 1], …] } from runData (last run). */
function outputsFromRunData(runData) {
	const output = {};
	const runs = {};
	for (const [nodeName, taskDataList] of Object.entries(runData || {})) {
		runs[nodeName] = taskDataList.map((taskData) => {
			const main = (taskData && taskData.data && taskData.data.main) || [];
			return main.map((items) => (items || []).map((item) => item.json));
		});
		output[nodeName] = runs[nodeName][runs[nodeName].length - 1] || [];
	}
	return { output, runs };
}

function describeError(error) {
	if (!error) return 'unknown error';
	const parts = [];
	if (error.node && error.node.name) parts.push(`node "${error.node.name}"`);
	parts.push(error.message || JSON.stringify(error));
	if (error.description) parts.push(`(${error.description})`);
	return parts.join(': ');
}

module.exports = {
	extractJsonObjects,
	withoutJson,
	findResultData,
	outputsFromRunData,
	describeError,
};
