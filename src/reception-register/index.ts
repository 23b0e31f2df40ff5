// The reception register (sổ tiếp công dân): a visit logged as in-person cases, and the register printed.
export * from './log-reception-visit.js';
export * from './print-reception-register.js';
export * from './reception-vocabulary.js';
export * from './reception-visit.schema.js';
