// The table of `codex` subcommands. Each module keeps its heavy imports inside `run`.
import type { CommandDef } from '../command.js';
import { completionCommand } from './completion.js';
import { execCommand } from './exec.js';
import { execpolicyCommand } from './execpolicy.js';
import { fleetCommand } from './fleet.js';
import { loginCommand, logoutCommand } from './login.js';
import { mcpCommand } from './mcp/command.js';
import { mcpServerCommand } from './mcp-server.js';
import { sandboxCommand } from './sandbox.js';
import { forkCommand, resumeCommand } from './resume.js';
import { archiveCommand, deleteCommand } from './sessions.js';

/** Every subcommand, in help order. */
export function allCommands(): CommandDef[] {
  const list: CommandDef[] = [];
  list.push(execCommand);
  list.push(loginCommand);
  list.push(logoutCommand);
  list.push(mcpCommand);
  list.push(mcpServerCommand);
  list.push(sandboxCommand);
  list.push(execpolicyCommand);
  list.push(resumeCommand);
  list.push(forkCommand);
  list.push(archiveCommand);
  list.push(deleteCommand);
  list.push(fleetCommand);
  list.push(completionCommand(() => list));
  return list;
}
