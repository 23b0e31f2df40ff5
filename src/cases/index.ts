// The pure rules of a case: vocabulary, transitions, refusal grounds, codes, secrets, redaction.
export * from './case-vocabulary.js';
export * from './case-transitions.js';
export * from './refusal-grounds.js';
export * from './tracking-code.js';
export * from './follow-up-secret.js';
export * from './redaction.js';
export { SYMBOL_ALPHABET, type RandomBytes } from './symbol-alphabet.js';
export * from './case-permissions.js';
export * from './case-scope.js';
export * from './redacted-case-view.js';
