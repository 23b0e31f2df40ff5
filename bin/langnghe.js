#!/usr/bin/env node
// The `langnghe` command: TypeScript sources run through tsx, like `npm start` (docs/decisions/0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
