// Property tests run with a fixed seed so the suite is deterministic: a failure found once is
// found again. Set FC_SEED to explore other seeds locally.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) });
