// The hotline: duty roster, who is on duty, the numbers to post, and logging a call as a case.
export * from './duty-shift.js';
export * from './duty-roster.js';
export * from './hotline-numbers.js';
export * from './log-hotline-call.js';
