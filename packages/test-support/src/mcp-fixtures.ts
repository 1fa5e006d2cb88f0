// Paths of the MCP test servers shipped with this package (used by mcp-client, core, exec, cli
// and bench tests): a dependency-free stdio server with fault modes.
import { fileURLToPath } from 'node:url';

/**
 * `bin/faulty-mcp-server.mjs`: modes normal|mute|crash|garbage, `--init-delay-ms`, `--log FILE`,
 * `--pid-file FILE`, `--fork-helper`; tools `<name>_echo`, `add_numbers`, `hang`, `crash`,
 * `image`, `write_note` (destructive; adds `late_tool` via tools/list_changed).
 */
export const FAULTY_MCP_SERVER = fileURLToPath(new URL('../bin/faulty-mcp-server.mjs', import.meta.url));
