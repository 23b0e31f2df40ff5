// Officers work inside the messenger: commands and card buttons (channel-neutral), the router that
// decides between officers, invites and the citizen dialog, and the cards posted for new cases.
export * from './officer-commands.js';
export * from './case-card.js';
export { createOfficerHandler, type OfficerCaller, type OfficerInput } from './officer-handler.js';
export { createBotRouter, type InboundHandle } from './bot-router.js';
export { postCaseCards, type PostedCards, type PostCardsOptions } from './post-case-cards.js';
