#!/usr/bin/env node
// The ship command. All logic lives in the compiled CLI (npm run build).
import { main } from '../dist/cli/main.js';

await main(process.argv.slice(2));
