// Child entry for the tests: the built mcp-server on this process's stdio.
import { runMcpServer } from '../dist/index.js';

await runMcpServer({ version: '0.0.0-test' });
process.exit(0);
