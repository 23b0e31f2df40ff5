// Routing: which unit a case goes to and why (pure rules), urgency, and the services applying them.
export * from './fold-text.js';
export * from './urgency.js';
export * from './competence.js';
export * from './route-decision.js';
export * from './route-case.js';
export * from './reroute-case.js';
export * from './routing-rules.service.js';
